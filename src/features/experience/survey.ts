import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { markLinkUsed, type OpenLink } from '../self-completion/links.js'
import {
  linkAuditContext,
  linkHref,
  linkMessagePage,
  linkRoute,
  openLinkPage,
  renderLinkPage,
} from '../self-completion/pages.js'
import { todayInWales } from '../what-matters/dates.js'
import { connectedServices, findInvitation, storeReply } from './repository.js'
import {
  barrierKinds,
  barrierQuestions,
  monthOf,
  parseLinking,
  satisfactionScale,
  scaleQuestions,
  validateSurvey,
} from './rules.js'

/*
 * The experience survey as the person answers it (issue 6 §5): no account, in their language, on a phone without
 * JavaScript. First page: linked to their record or anonymous; second: the Table 2 "How well?" questions. Submit
 * stores the answers and uses the link in one transaction.
 */

const views = 'features/experience/views'

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token

/** The invitation behind an open link, or null when it has gone (the link then opens nothing). */
async function invitationOf(app: FastifyInstance, link: OpenLink) {
  return (await findInvitation(app.deps.database.db, link.subjectId)) ?? null
}

function renderStart(request: FastifyRequest, reply: FastifyReply, link: OpenLink, errors: FieldError[], status = 200) {
  return renderLinkPage(reply.code(status), `${views}/survey-start.njk`, {
    title: request.t('experience.survey.start.title'),
    action: linkHref(request, link, `/survey/${tokenOf(request)}`),
    errors: summaryErrors(request.t, errors),
  })
}

async function renderQuestions(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  link: OpenLink,
  episodeId: string,
  state: { values: Record<string, unknown>; errors: FieldError[] },
  status = 200,
) {
  const services = await connectedServices(app.deps.database.db, episodeId, request.lang)
  const listed = (name: string) => {
    const v = state.values[name]
    return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []
  }
  return renderLinkPage(reply.code(status), `${views}/survey-questions.njk`, {
    title: request.t('experience.survey.questions.title'),
    action: linkHref(request, link, `/survey/${tokenOf(request)}`),
    linking: parseLinking(state.values.linking),
    scaleQuestions,
    satisfactionScale,
    barrierQuestions,
    barrierKinds,
    services,
    values: state.values,
    chosen: Object.fromEntries(barrierQuestions.map((q) => [q, listed(q)])),
    errors: summaryErrors(request.t, state.errors),
  })
}

export async function surveyPages(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  // Static, so it wins over /survey/:token; says only thank you, in the language the person answered in.
  app.get('/survey/thanks', { config: { action: 'public' } }, async (request, reply) =>
    linkMessagePage(reply, 200, 'experience.survey.thanks.title', ['experience.survey.thanks.body']),
  )

  app.get('/survey/:token', linkRoute, async (request, reply) => {
    const link = await openLinkPage(app, request, reply, tokenOf(request), 'experience_survey')
    if (!link) return reply
    if (!(await invitationOf(app, link)))
      return linkMessagePage(reply, 404, 'selfCompletion.link.unknown.title', ['selfCompletion.link.unknown.body'])
    return renderStart(request, reply, link, [])
  })

  app.post('/survey/:token', linkRoute, async (request, reply) => {
    const link = await openLinkPage(app, request, reply, tokenOf(request), 'experience_survey')
    if (!link) return reply
    const invitation = await invitationOf(app, link)
    if (!invitation)
      return linkMessagePage(reply, 404, 'selfCompletion.link.unknown.title', ['selfCompletion.link.unknown.body'])
    const body = bodyOf(request)

    if (body.step !== 'answers') {
      // The first page: the choice of linked or anonymous, then the questions (the choice travels in the form).
      if (!parseLinking(body.linking))
        return renderStart(request, reply, link, [{ field: 'linking', key: 'experience.survey.errors.linking' }], 400)
      return renderQuestions(app, request, reply, link, invitation.episode_id, {
        values: { linking: body.linking },
        errors: [],
      })
    }

    const services = await connectedServices(db, invitation.episode_id, request.lang)
    const checked = validateSurvey(
      body,
      services.map((s) => s.id),
    )
    if (!checked.ok)
      return renderQuestions(
        app,
        request,
        reply,
        link,
        invitation.episode_id,
        { values: body, errors: checked.errors },
        400,
      )

    const now = new Date()
    const stored = await db.transaction().execute(async (trx) => {
      // The link is used in the transaction that stores the answers: a second submit finds it used and stores nothing.
      if (!(await markLinkUsed(trx, link.id, now))) return false
      await storeReply(trx, invitation, checked.value, monthOf(todayInWales(now)), now)
      // The invitation is the record; neither the reply's id nor whether it was anonymous is audited, so the trail
      // cannot lead to an anonymous reply.
      await audit(trx, linkAuditContext(request, link), {
        action: 'experience_survey.reply',
        recordType: 'experience_invitation',
        recordId: invitation.id,
        organisationId: link.organisationId,
      })
      return true
    })
    if (!stored) return linkMessagePage(reply, 410, 'selfCompletion.link.used.title', ['selfCompletion.link.used.body'])
    return reply.redirect(`/survey/thanks?lng=${request.lang}`, 303)
  })
}
