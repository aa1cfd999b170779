import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { cookieOptions, cookies } from '../../platform/http/pipeline.js'
import type { FieldError } from '../referrals/referral-input.js'
import { afterAnswer } from './after-answer.js'
import { createDraft, saveDraft } from './drafts.js'
import { type Answers, canVisit, chosenLanguage, DRAFT_COOKIE, markCompleted, nextStep, paths, previousStep, type QuestionStep, questionSteps } from './journey.js'
import { readPage } from './pages.js'
import { questionContext } from './question-context.js'
import type { JourneyTools } from './tools.js'

const ONE_YEAR_S = 365 * 24 * 60 * 60

/** The page title of each question: the question itself. */
const titles: Record<QuestionStep, string> = {
  language: 'selfReferral.language.title',
  name: 'selfReferral.name.title',
  'date-of-birth': 'selfReferral.dateOfBirth.title',
  postcode: 'selfReferral.postcode.title',
  'local-authority': 'selfReferral.localAuthority.title',
  contact: 'selfReferral.contact.title',
  help: 'selfReferral.help.title',
  communication: 'selfReferral.communication.title',
  carer: 'selfReferral.carer.title',
  guardian: 'selfReferral.guardian.title',
  consent: 'selfReferral.consent.title',
}

/** A bot fills every field it finds; a person never sees this one (see views/_honeypot.njk). */
export function honeypotFilled(body: Record<string, unknown>): boolean {
  return typeof body.website === 'string' && body.website.trim() !== ''
}

/** One GET and one POST per question page (POST/redirect/GET); each page checks and stores only its own answers. */
export function questionRoutes(app: FastifyInstance, tools: JourneyTools): void {
  const { db, config } = tools

  async function render(request: FastifyRequest, reply: FastifyReply, step: QuestionStep, answers: Answers, values: Answers, errors: FieldError[], status = 200) {
    const t = request.t
    const previous = previousStep(step, answers)
    return reply.code(status).view(`features/self-referral/views/${step}.njk`, {
      title: t(titles[step]),
      values,
      errors: tools.errorList(t, errors),
      action: paths.step(step),
      backHref: previous ? paths.step(previous) : paths.start,
      ...(await questionContext(tools, step, request, values)),
    })
  }

  for (const step of questionSteps) {
    app.get(paths.step(step), { config: { action: 'public' } }, async (request, reply) => {
      const draft = await tools.current(request)
      if (!draft) return step === 'language' ? render(request, reply, step, {}, {}, []) : tools.lost(request, reply)
      if (!canVisit(step, draft.answers)) return reply.redirect(paths.step(nextStep(draft.answers)), 303)
      return render(request, reply, step, draft.answers, draft.answers, [])
    })

    app.post(paths.step(step), { config: { action: 'public' } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const draft = await tools.current(request)
      if (!draft && step !== 'language') return tools.lost(request, reply)
      const answers = draft?.answers ?? {}
      if (!canVisit(step, answers)) return reply.redirect(paths.step(nextStep(answers)), 303)

      const today = new Date()
      const localAuthorityCodes = step === 'local-authority' ? (await tools.localAuthorities('en')).map((la) => la.code) : undefined
      const { values, errors } = readPage(step, body, answers, { today, localAuthorityCodes })
      if (errors.length > 0) return render(request, reply, step, answers, { ...answers, ...values }, errors, 400)

      let next = await afterAnswer(db, step, answers, markCompleted({ ...answers, ...values }, step), today)
      if (honeypotFilled(body)) next = { ...next, trap: 'yes' }
      if (draft) {
        await saveDraft(db, { ...draft, answers: next })
        tools.keepCookie(reply, request.cookies[DRAFT_COOKIE] as string)
      } else {
        if (!tools.newDrafts.take(request.ip)) return tools.tooMany(request, reply)
        const created = await createDraft(db, next)
        tools.keepCookie(reply, created.token)
      }
      // Choosing Welsh at the active offer switches the rest of the journey to Welsh (and English to English).
      if (step === 'language') reply.setCookie(cookies.lang, chosenLanguage(next), { ...cookieOptions(config, ONE_YEAR_S), httpOnly: false })
      return reply.redirect(paths.step(nextStep(next, today)), 303)
    })
  }
}
