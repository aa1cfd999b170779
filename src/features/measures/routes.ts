import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Action } from '../../platform/access/policy.js'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, summaryErrors } from '../admin/fields.js'
import { type FormAvailability, instrumentForm, instrumentIds, type InstrumentId, isInstrumentId } from '../instruments/contract.js'
import { loadGuardedPerson } from '../person-record/access.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { measuresApi } from './api.js'
import { linkState } from './links-state.js'
import { instrumentName, scoreLines } from './present.js'
import { findMeasure, measureLinksOf, measuresOfPerson, openEpisodeOf } from './repository.js'
import { answersFromForm, defaultOccasion } from './rules.js'
import { occasions } from './schema.js'
import { checkChoice, continueMeasure, formItems, linkUrl, relinkMeasure, sendMeasure, takeMeasure } from './take.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

const views = {
  choose: 'features/measures/views/choose.njk',
  take: 'features/measures/views/take.njk',
  sent: 'features/measures/views/sent.njk',
  measure: 'features/measures/views/measure.njk',
}

const body = (request: FastifyRequest) => (request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {})
const query = (request: FastifyRequest) => request.query as Record<string, unknown>

/** The person named in the URL, refused (403, audited) when another provider's. */
const personFor = (app: FastifyInstance, request: FastifyRequest, action: Action) =>
  loadGuardedPerson(app, request, action, action === 'measures.view' ? 'measure.view' : 'measure.create')

/** The measure named in the URL, of that person: 404 otherwise. */
async function measureFor(app: FastifyInstance, request: FastifyRequest, person: PersonRow) {
  const id = (request.params as { measureId: string }).measureId
  const measure = isUuid(id) ? await findMeasure(app.deps.database.db, id) : undefined
  if (!measure || measure.person_id !== person.id) throw notFound()
  return measure
}

/** Every instrument with what the organisation may do with it, for the choosing page. */
async function choices(app: FastifyInstance, person: PersonRow, lang: 'cy' | 'en') {
  const db = app.deps.database.db
  return Promise.all(instrumentIds.map(async (id) => ({ id, availability: await instrumentForm(db, person.organisation_id, id, lang) })))
}

async function renderChoose(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, person: PersonRow, values: Record<string, unknown>, errors: FieldError[], status = 200) {
  const db = app.deps.database.db
  const [episode, measures, all] = await Promise.all([openEpisodeOf(db, person.id), measuresOfPerson(db, person.id), choices(app, person, request.lang)])
  const t = request.t
  const inEpisode = episode ? measures.filter((m) => m.episode_id === episode.id) : []
  const picked = isInstrumentId(values.instrument) ? values.instrument : null
  return reply.code(status).view(views.choose, {
    title: t('measures.choose.title'),
    person,
    hasEpisode: Boolean(episode),
    available: all.filter((c) => c.availability.available).map((c) => ({ id: c.id, name: instrumentName(t, c.id), mode: c.availability.available ? c.availability.mode : null })),
    unavailable: all.flatMap((c) => (c.availability.available ? [] : [{ id: c.id, name: instrumentName(t, c.id), reason: c.availability.reason }])),
    occasions,
    values: { occasion: defaultOccasion(inEpisode, picked), how: 'together', ...values },
    errors: summaryErrors(t, errors),
  })
}

interface TakeState {
  instrumentId: InstrumentId
  occasion: string
  availability: FormAvailability
  action: string
  measureId?: string
  values: Record<string, unknown>
  errors: FieldError[]
}

async function renderTake(request: FastifyRequest, reply: FastifyReply, person: PersonRow, state: TakeState, status = 200) {
  const t = request.t
  const availability = state.availability
  return reply.code(status).view(views.take, {
    title: t('measures.take.title', { instrument: instrumentName(t, state.instrumentId) }),
    person,
    instrumentId: state.instrumentId,
    instrument: instrumentName(t, state.instrumentId),
    occasion: state.occasion,
    action: state.action,
    measureId: state.measureId ?? null,
    form: availability.available && availability.mode === 'items' ? availability.form : null,
    entered: availability.available && availability.mode === 'entered_scores' ? { fields: availability.fields, licence: availability.licence } : null,
    items: formItems(availability),
    values: Object.fromEntries(Object.entries(state.values).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])),
    errors: summaryErrors(t, state.errors),
  })
}

/** Taking measures with the practitioner, sending them by link, and the measure page (issue 6 §2, §4). */
export async function measureRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/people/:id/measures/new', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    await audit(db, auditContext(request), { action: 'measure.form', recordType: 'person', recordId: person.id, organisationId: person.organisation_id })
    return renderChoose(app, request, reply, person, {}, [])
  })

  app.post('/people/:id/measures/start', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    const b = body(request)
    const values = { instrument: b.instrument, occasion: b.occasion, how: b.how }
    if (b.how === 'link') {
      const sent = await sendMeasure(app, request, person, { instrument: b.instrument, occasion: b.occasion })
      if (!sent.ok) return renderChoose(app, request, reply, person, values, sent.errors, sent.problem === 'no_open_episode' ? 409 : 400)
      return showsSecretOnce(reply).view(views.sent, {
        title: request.t('measures.sent.title'),
        person,
        instrument: instrumentName(request.t, String(b.instrument)),
        url: linkUrl(request, sent.value.token),
        expiresAt: sent.value.expiresAt,
        measureId: sent.value.id,
      })
    }
    const choice = await checkChoice(app, person, b.instrument, b.occasion, request.lang)
    const errors = [...choice.errors, ...(b.how === 'together' ? [] : [{ field: 'how', key: 'measures.errors.chooseHow' }])]
    if (errors.length) return renderChoose(app, request, reply, person, values, errors, 400)
    return reply.redirect(`/people/${person.id}/measures/take?instrument=${String(choice.instrumentId)}&occasion=${String(choice.occasion)}`, 303)
  })

  app.get('/people/:id/measures/take', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    const q = query(request)
    const choice = await checkChoice(app, person, q.instrument, q.occasion, request.lang)
    if (choice.errors.length || !choice.instrumentId || !choice.availability) return renderChoose(app, request, reply, person, q, choice.errors, 400)
    await audit(db, auditContext(request), { action: 'measure.form', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { instrument: choice.instrumentId } })
    return renderTake(request, reply, person, { instrumentId: choice.instrumentId, occasion: String(q.occasion), availability: choice.availability, action: `/people/${person.id}/measures`, values: {}, errors: [] })
  })

  app.post('/people/:id/measures', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    const b = body(request)
    const choice = await checkChoice(app, person, b.instrument, b.occasion, request.lang)
    if (choice.errors.length || !choice.instrumentId || !choice.availability) return renderChoose(app, request, reply, person, b, choice.errors, 400)
    const answers = answersFromForm(b, formItems(choice.availability))
    const outcome = await takeMeasure(app, request, person, { instrument: b.instrument, occasion: b.occasion, answers, final: b.finish !== undefined })
    if (!outcome.ok)
      return renderTake(request, reply, person, { instrumentId: choice.instrumentId, occasion: String(b.occasion), availability: choice.availability, action: `/people/${person.id}/measures`, values: b, errors: outcome.errors }, outcome.problem === 'no_open_episode' ? 409 : 400)
    return reply.redirect(`/people/${person.id}/measures/${outcome.value.id}?saved=${outcome.value.status}`, 303)
  })

  app.get('/people/:id/measures/:measureId', { config: { action: 'measures.view' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.view')
    const measure = await measureFor(app, request, person)
    const t = request.t
    const links = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), { action: 'measure.view', recordType: 'measure', recordId: measure.id, organisationId: measure.organisation_id, detail: { personId: person.id } })
      return measureLinksOf(trx, [measure.id])
    })
    const availability = isInstrumentId(measure.instrument_id) ? await instrumentForm(db, measure.organisation_id, measure.instrument_id, request.lang) : null
    const items = availability ? formItems(availability) : []
    const answers = measure.answers
    const shownIds = [...items.map((i) => i.id), ...Object.keys(answers).filter((k) => !items.some((i) => i.id === k))]
    const canRecord = can(request.user, 'measures.record', { organisationId: measure.organisation_id })
    const saved = query(request).saved
    return reply.view(views.measure, {
      title: t('measures.measure.title', { instrument: instrumentName(t, measure.instrument_id) }),
      person,
      measure,
      instrument: instrumentName(t, measure.instrument_id),
      copyrightLine: availability?.available && availability.mode === 'items' ? availability.form.copyrightLine : null,
      licence: availability?.available && availability.mode === 'entered_scores' ? availability.licence : null,
      scores: scoreLines(t, request.lang, measure.scores),
      answers: shownIds.map((id, index) => {
        const item = items.find((i) => i.id === id)
        const value = answers[id] ?? null
        const option = item?.options.find((o) => o.value === value)
        return { id, number: index + 1, text: item?.text ?? id, answer: value === null ? null : (option?.label ?? String(value)) }
      }),
      link: linkState(links.at(-1) ?? null, new Date()),
      canContinue: canRecord && measure.status !== 'complete',
      canRelink: canRecord && measure.status !== 'complete' && measure.mode === 'self_completed',
      notice: saved === 'complete' || saved === 'partial' ? saved : query(request).link === 'withdrawn' ? 'withdrawn' : null,
    })
  })

  app.get('/people/:id/measures/:measureId/continue', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    const measure = await measureFor(app, request, person)
    if (measure.status === 'complete' || !isInstrumentId(measure.instrument_id)) return reply.redirect(`/people/${person.id}/measures/${measure.id}`, 303)
    const availability = await instrumentForm(db, measure.organisation_id, measure.instrument_id, request.lang)
    if (!availability.available) return reply.redirect(`/people/${person.id}/measures/${measure.id}`, 303)
    await audit(db, auditContext(request), { action: 'measure.form', recordType: 'measure', recordId: measure.id, organisationId: measure.organisation_id, detail: { personId: person.id } })
    return renderTake(request, reply, person, { instrumentId: measure.instrument_id, occasion: measure.occasion, availability, action: `/people/${person.id}/measures/${measure.id}`, measureId: measure.id, values: measure.answers, errors: [] })
  })

  app.post('/people/:id/measures/:measureId', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    const measure = await measureFor(app, request, person)
    if (!isInstrumentId(measure.instrument_id)) throw notFound()
    const availability = await instrumentForm(db, measure.organisation_id, measure.instrument_id, request.lang)
    const b = body(request)
    const outcome = await continueMeasure(app, request, measure, answersFromForm(b, formItems(availability)), b.finish !== undefined)
    if (!outcome.ok)
      return renderTake(request, reply, person, { instrumentId: measure.instrument_id, occasion: measure.occasion, availability, action: `/people/${person.id}/measures/${measure.id}`, measureId: measure.id, values: b, errors: outcome.errors }, 400)
    return reply.redirect(`/people/${person.id}/measures/${measure.id}?saved=${outcome.value.status}`, 303)
  })

  app.post('/people/:id/measures/:measureId/link', { config: { action: 'measures.record' } }, async (request, reply) => {
    const person = await personFor(app, request, 'measures.record')
    const measure = await measureFor(app, request, person)
    if (measure.status === 'complete' || measure.mode !== 'self_completed') return reply.redirect(`/people/${person.id}/measures/${measure.id}`, 303)
    const renew = body(request).do === 'renew'
    const link = await relinkMeasure(app, request, measure, person, renew)
    if (!link) return reply.redirect(`/people/${person.id}/measures/${measure.id}?link=withdrawn`, 303)
    return showsSecretOnce(reply).view(views.sent, {
      title: request.t('measures.sent.title'),
      person,
      instrument: instrumentName(request.t, measure.instrument_id),
      url: linkUrl(request, link.token),
      expiresAt: link.expiresAt,
      measureId: measure.id,
    })
  })

  await measuresApi(app)
}

