import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, validateReferral } from '../referrals/referral-input.js'
import { newReferralReference } from '../referrals/reference.js'
import { insertReferral, locateReferral, providersCovering } from '../referrals/repository.js'
import { deleteDraft, type Draft, draftDeletion, saveDraft, signConfirmation } from './drafts.js'
import { canVisit, DRAFT_LIFETIME_MS, isUnder18, nextStep, paths, type QuestionStep, referralFields, text } from './journey.js'
import { pageFields } from './pages.js'
import { honeypotFilled } from './question-routes.js'
import { summaryRows } from './summary.js'
import type { JourneyTools } from './tools.js'

/** The page that asks for a field, for errors found only at the final check. */
function stepOf(field: string): string {
  const found = Object.entries(pageFields).find(([, fields]) => fields.includes(field) || fields.includes(`${field}-day`))
  return paths.step((found?.[0] as QuestionStep | undefined) ?? 'name')
}

/** Check your answers, then one statement that writes the referral and its audit row, then the confirmation. */
export function submitRoutes(app: FastifyInstance, tools: JourneyTools): void {
  const { db, config } = tools
  const checkPath = paths.step('check-answers')

  async function renderCheck(request: FastifyRequest, reply: FastifyReply, draft: Draft, errors: FieldError[] = [], status = 200) {
    const today = new Date()
    const input = validateReferral(referralFields(draft.answers), 'self', today)
    const rows = summaryRows(request.t, request.lang, draft.answers, input, {
      localAuthorityName: await tools.localAuthorityName(text(draft.answers, 'localAuthorityCode'), request.lang),
      under18: isUnder18(draft.answers, today),
    })
    const list = errors.map((e) => ({ field: e.field, text: request.t(e.key), href: stepOf(e.field) }))
    return reply.code(status).view('features/self-referral/views/check-answers.njk', { title: request.t('selfReferral.check.title'), rows, errors: list, action: checkPath, backHref: paths.step('consent') })
  }

  /** The confirmation travels in the signed cookie, so the page survives a refresh after the draft is deleted. */
  function confirm(reply: FastifyReply, reference: string, organisationId: string | null, contactMethods: string[]) {
    tools.keepCookie(reply, signConfirmation(config.sessionSecret, { reference, organisationId, contactMethods, expires: Date.now() + DRAFT_LIFETIME_MS }))
    return reply.redirect(paths.confirmation, 303)
  }

  app.get(checkPath, { config: { action: 'public' } }, async (request, reply) => {
    const draft = await tools.current(request)
    if (!draft) return tools.lost(request, reply)
    if (!canVisit('check-answers', draft.answers)) return reply.redirect(paths.step(nextStep(draft.answers)), 303)
    return renderCheck(request, reply, draft)
  })

  app.post(checkPath, { config: { action: 'public' } }, async (request, reply) => {
    if (!tools.submissions.take(request.ip)) return tools.tooMany(request, reply)
    const draft = await tools.current(request)
    if (!draft) return tools.lost(request, reply)
    if (!canVisit('check-answers', draft.answers)) return reply.redirect(paths.step(nextStep(draft.answers)), 303)

    const input = validateReferral(referralFields(draft.answers), 'self', new Date())
    if (input.errors.length > 0) return renderCheck(request, reply, draft, input.errors, 400)
    const contactMethods = input.person.contactMethods

    // A filled honeypot looks like success to the sender, and nothing is kept.
    if (draft.answers.trap === 'yes' || honeypotFilled((request.body ?? {}) as Record<string, unknown>)) {
      request.log.warn({ event: 'self_referral.honeypot' }, 'self-referral honeypot filled; nothing written')
      await deleteDraft(db, draft.idHash)
      const [provider] = input.person.localAuthorityCode ? await providersCovering(db, input.person.localAuthorityCode) : []
      return confirm(reply, newReferralReference(), provider?.id ?? null, contactMethods)
    }

    // Where it goes, then one statement that writes the referral and its audit row and deletes the draft.
    const { place, provider } = await locateReferral(db, input.person.postcode, input.person.localAuthorityCode)
    // The area lost its provider since the postcode page: say so, with the other ways to ask, and keep the answers.
    if (!provider) {
      await saveDraft(db, { ...draft, answers: { ...draft.answers, providerFound: 'no' } })
      return reply.redirect(paths.step('no-service'), 303)
    }
    const written = await insertReferral(
      db,
      { ...input, place, organisationId: provider.id, channel: 'self_referral_form', referrerUserId: null, referrerOrganisationId: null, consentMethod: 'online_form' },
      {
        audit: {
          context: auditContext(request),
          event: ({ referralId }) => ({ action: 'referral.create', recordType: 'referral', recordId: referralId, organisationId: provider.id, detail: { channel: 'self_referral_form' } }),
        },
        deleting: [draftDeletion(db, draft.idHash)],
      },
    )
    return confirm(reply, written.reference, provider.id, contactMethods)
  })
}
