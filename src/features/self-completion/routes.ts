import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { cookieOptions } from '../../platform/http/pipeline.js'
import { hmac, safeEqual, sha256 } from '../../platform/security/tokens.js'
import { type InstrumentForm, instrumentForm } from '../instruments/contract.js'
import { answeredCount, estimatedMinutes, itemNumber, questionnairePaths as paths, readItemAnswer, resumeAt, todayInWales } from './flow.js'
import { lookupLink, type OpenLink } from './links.js'
import { linkAuditContext, linkHref, linkMessagePage, linkRoute, openLinkPage, renderLinkPage, useLinkLanguage } from './pages.js'
import { radioItems, summaryRows } from './present.js'
import { auditRefusal, type LinkedMeasure, measureOfLink, organisationName, type SaveOutcome, saveLinkAnswers } from './repository.js'

/** Remembers, for an hour, that this browser has just sent the answers of a link, so it may see the thank-you page. */
const DONE_COOKIE = 'cyswllt_link_done'
const DONE_SECONDS = 60 * 60

interface Opened {
  token: string
  link: OpenLink
  measure: LinkedMeasure
  form: InstrumentForm
  organisation: string
}

/**
 * A person answers a measure alone through a single-use link (issue 6 §2): no account, no navigation, nothing of
 * the record but the provider's name; one item a page so it works on a phone without JavaScript; each answer
 * saved at once (the measure goes to `partial`, and someone who comes back resumes); check your answers; sending
 * completes the measure and uses the link in one transaction. Every route is `public`: the token is the key.
 */
export async function selfCompletionRoutes(app: FastifyInstance): Promise<void> {
  const { config, database } = app.deps
  const db = database.db
  const view = (name: string) => `features/self-completion/views/${name}.njk`
  const doneMark = (token: string) => hmac(config.sessionSecret, `link-done:${sha256(token)}`)

  /** The link, its measure and the form to show; or null with the page that says why already sent. */
  async function open(request: FastifyRequest, reply: FastifyReply): Promise<Opened | null> {
    const { token } = request.params as { token: string }
    const link = await openLinkPage(app, request, reply, token, 'measure')
    if (!link) return null
    const measure = await measureOfLink(db, link)
    if (!measure) return (linkMessagePage(reply, 404, 'selfCompletion.link.unknown.title', ['selfCompletion.link.unknown.body']), null)
    // Completed with the practitioner meanwhile: nothing is left to answer through the link.
    if (measure.status === 'complete') return (linkMessagePage(reply, 410, 'selfCompletion.link.used.title', ['selfCompletion.link.used.body']), null)
    const availability = await instrumentForm(db, link.organisationId, measure.instrumentId, request.lang)
    if (!availability.available || availability.mode !== 'items') {
      request.log.warn({ event: 'self_completion.unavailable', instrument: measure.instrumentId }, 'questionnaire not available to answer by link')
      return (linkMessagePage(reply, 409, 'selfCompletion.unavailable.title', ['selfCompletion.unavailable.body']), null)
    }
    return { token, link, measure, form: availability.form, organisation: await organisationName(db, link.organisationId, request.lang) }
  }

  const href = (request: FastifyRequest, o: Opened, path: string) => linkHref(request, o.link, path)
  const fromCheck = (request: FastifyRequest) => (request.query as Record<string, unknown>).from === 'check'
  const instrumentName = (request: FastifyRequest, o: Opened) => request.t(`selfCompletion.instrument.${o.measure.instrumentId}.name`)

  /** Answers sent for another measure or items this instrument does not have: refused, audited, nothing stored. */
  async function refuse(request: FastifyRequest, reply: FastifyReply, o: Opened, why: string) {
    request.log.warn({ event: 'self_completion.refused', why }, 'answers refused: not for this link')
    await auditRefusal(db, linkAuditContext(request, o.link), o.link, o.measure.id, why)
    return linkMessagePage(reply, 400, 'selfCompletion.refused.title', ['selfCompletion.refused.body'])
  }

  /** What to do when a save did not happen for a reason other than bad input. */
  function notSaved(request: FastifyRequest, reply: FastifyReply, o: Opened, outcome: Exclude<SaveOutcome, { saved: true }>) {
    if (outcome.reason === 'refused') return refuse(request, reply, o, 'invalid_answers')
    if (outcome.reason === 'nothing_answered') return renderCheck(request, reply, o, [{ field: 'answers', text: request.t('selfCompletion.check.nothingAnswered'), href: href(request, o, paths.question(o.token, 1)) }], 400)
    return linkMessagePage(reply, 410, 'selfCompletion.link.used.title', ['selfCompletion.link.used.body'])
  }

  function renderQuestion(request: FastifyRequest, reply: FastifyReply, o: Opened, number: number, chosen: unknown, errors: unknown[] = [], status = 200) {
    const item = o.form.items[number - 1]
    if (!item) throw new Error('item out of range')
    const back = fromCheck(request) ? paths.check(o.token) : number > 1 ? paths.question(o.token, number - 1) : paths.start(o.token)
    const action = paths.question(o.token, number) + (fromCheck(request) ? '?from=check' : '')
    return renderLinkPage(reply.code(status), view('question'), {
      title: request.t('selfCompletion.question.title', { number, total: o.form.items.length, name: instrumentName(request, o) }),
      form: o.form,
      item,
      number,
      total: o.form.items.length,
      options: radioItems(item, (chosen ?? null) as never, o.form.itemLanguage),
      measureId: o.measure.id,
      action: href(request, o, action),
      backHref: href(request, o, back),
      errors,
    })
  }

  function renderCheck(request: FastifyRequest, reply: FastifyReply, o: Opened, errors: unknown[] = [], status = 200) {
    const change = (number: number) => href(request, o, `${paths.question(o.token, number)}?from=check`)
    const last = o.form.items.length
    return renderLinkPage(reply.code(status), view('check'), {
      title: request.t('selfCompletion.check.title'),
      instrumentName: instrumentName(request, o),
      organisation: o.organisation,
      form: o.form,
      rows: summaryRows(request.t, o.form.items, o.measure.answers, o.form.itemLanguage, change),
      progress: answeredCount(o.form.items, o.measure.answers),
      measureId: o.measure.id,
      action: href(request, o, paths.check(o.token)),
      backHref: href(request, o, paths.question(o.token, last)),
      errors,
    })
  }

  app.get(paths.route.start, linkRoute, async (request, reply) => {
    const o = await open(request, reply)
    if (!o) return reply
    const next = resumeAt(o.form.items, o.measure.answers)
    const t = request.t
    return renderLinkPage(reply, view('start'), {
      title: t('selfCompletion.start.title'),
      organisation: o.organisation,
      instrumentName: instrumentName(request, o),
      instrumentAbout: t(`selfCompletion.instrument.${o.measure.instrumentId}.about`),
      itemCount: o.form.items.length,
      minutes: estimatedMinutes(o.form.items.length),
      progress: answeredCount(o.form.items, o.measure.answers),
      form: o.form,
      expires: o.link.expiresAt,
      nextHref: href(request, o, next === 'check' ? paths.check(o.token) : paths.question(o.token, next)),
    })
  })

  app.get(paths.route.question, linkRoute, async (request, reply) => {
    const o = await open(request, reply)
    if (!o) return reply
    const number = itemNumber((request.params as { number: string }).number, o.form.items.length)
    if (number === null) return reply.redirect(href(request, o, paths.start(o.token)), 303)
    return renderQuestion(request, reply, o, number, o.measure.answers[o.form.items[number - 1]?.id ?? ''])
  })

  app.post(paths.route.question, linkRoute, async (request, reply) => {
    const o = await open(request, reply)
    if (!o) return reply
    const number = itemNumber((request.params as { number: string }).number, o.form.items.length)
    const item = number === null ? undefined : o.form.items[number - 1]
    const body = (request.body ?? {}) as Record<string, unknown>
    if (number === null || !item || body.measure !== o.measure.id || body.item !== item.id) return refuse(request, reply, o, 'not_this_measure')
    const read = readItemAnswer(item, body.answer)
    if (!read.ok) return renderQuestion(request, reply, o, number, null, [{ field: 'answer', text: request.t('selfCompletion.question.notAnOption'), href: '#answer' }], 400)
    const outcome = await saveLinkAnswers(db, linkAuditContext(request, o.link), o.link, o.measure, { [item.id]: read.value }, { final: false, itemLanguage: o.form.itemLanguage, takenOn: todayInWales(new Date()) })
    if (!outcome.saved) return notSaved(request, reply, o, outcome)
    const next = fromCheck(request) || number === o.form.items.length ? paths.check(o.token) : paths.question(o.token, number + 1)
    return reply.redirect(href(request, o, next), 303)
  })

  app.get(paths.route.check, linkRoute, async (request, reply) => {
    const o = await open(request, reply)
    if (!o) return reply
    return renderCheck(request, reply, o)
  })

  app.post(paths.route.check, linkRoute, async (request, reply) => {
    const o = await open(request, reply)
    if (!o) return reply
    const body = (request.body ?? {}) as Record<string, unknown>
    if (body.measure !== o.measure.id) return refuse(request, reply, o, 'not_this_measure')
    const outcome = await saveLinkAnswers(db, linkAuditContext(request, o.link), o.link, o.measure, {}, { final: true, itemLanguage: o.form.itemLanguage, takenOn: todayInWales(new Date()) })
    if (!outcome.saved) return notSaved(request, reply, o, outcome)
    reply.setCookie(DONE_COOKIE, doneMark(o.token), { ...cookieOptions(config, DONE_SECONDS), path: '/q/' })
    return reply.redirect(href(request, o, paths.done(o.token)), 303)
  })

  // The link is used by now, so the thank-you page shows only to the browser that sent the answers.
  app.get(paths.route.done, linkRoute, async (request, reply) => {
    const { token } = request.params as { token: string }
    const mark = request.cookies[DONE_COOKIE]
    // Only a browser holding the mark of this very token gets past here without the rate-limited lookup.
    const found = mark && safeEqual(mark, doneMark(token)) ? await lookupLink(db, token) : null
    if (found?.state !== 'used') {
      const link = await openLinkPage(app, request, reply, token, 'measure')
      return link ? reply.redirect(linkHref(request, link, paths.start(token)), 303) : reply
    }
    useLinkLanguage(app, request, found.language)
    return renderLinkPage(reply, view('done'), { title: request.t('selfCompletion.done.title') })
  })
}
