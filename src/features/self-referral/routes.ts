import type { FastifyInstance } from 'fastify'
import { readConfirmation } from './drafts.js'
import { canVisit, CONTACT_WITHIN_WORKING_DAYS, DRAFT_COOKIE, nextStep, paths, text } from './journey.js'
import { questionRoutes } from './question-routes.js'
import { submitRoutes } from './submit-routes.js'
import { journeyTools } from './tools.js'
import { listFormat } from '../../platform/i18n/formats.js'

/**
 * The public self-referral journey (issue 3 §1; CS §11–12 "no wrong door"): no account, Welsh or English, one
 * question a page, working without JavaScript. Every route is `public`; the answers live in a draft until sent.
 */
export async function selfReferralRoutes(app: FastifyInstance): Promise<void> {
  const tools = journeyTools(app)
  const view = (name: string) => `features/self-referral/views/${name}.njk`

  app.get(paths.start, { config: { action: 'public' } }, async (request, reply) => {
    const expired = (request.query as Record<string, unknown>).expired === '1'
    return reply.view(view('start'), { title: request.t('selfReferral.start.title'), expired, startHref: paths.step('language') })
  })

  app.get(paths.step('no-service'), { config: { action: 'public' } }, async (request, reply) => {
    const draft = await tools.current(request)
    if (!draft) return tools.lost(request, reply)
    if (!canVisit('no-service', draft.answers)) return reply.redirect(paths.step(nextStep(draft.answers)), 303)
    const area = await tools.localAuthorityName(text(draft.answers, 'localAuthorityCode'), request.lang)
    const changeHref = paths.step(draft.answers.postcodeKnown === 'no' ? 'local-authority' : 'postcode')
    return reply.view(view('no-service'), { title: request.t('selfReferral.noService.title'), area, changeHref, backHref: changeHref })
  })

  app.get(paths.confirmation, { config: { action: 'public' } }, async (request, reply) => {
    const confirmation = readConfirmation(tools.config.sessionSecret, request.cookies[DRAFT_COOKIE])
    if (!confirmation) return reply.redirect(paths.start, 303)
    const t = request.t
    const provider = await tools.organisationName(confirmation.organisationId, request.lang)
    const methods = listFormat(request.lang === 'cy' ? 'cy' : 'en-GB', { type: 'disjunction' }).format(
      confirmation.contactMethods.filter((m) => ['phone', 'email', 'text', 'letter'].includes(m)).map((m) => t(`selfReferral.confirmation.by.${m}`)),
    )
    const params = { provider: provider ?? '', days: CONTACT_WITHIN_WORKING_DAYS, methods }
    return reply.view(view('confirmation'), {
      title: t('selfReferral.confirmation.title'),
      reference: confirmation.reference,
      next: provider ? t('selfReferral.confirmation.next', params) : t('selfReferral.confirmation.nextUnknown', params),
    })
  })

  questionRoutes(app, tools)
  submitRoutes(app, tools)
}
