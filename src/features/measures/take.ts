import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import type { FieldError } from '../admin/fields.js'
import { walesParts } from '../contacts/rules.js'
import { type Answers, type FormAvailability, type InstrumentId, instrumentForm, isInstrumentId, validateAnswers } from '../instruments/contract.js'
import { issueLink, revokeLinks } from '../self-completion/links.js'
import { saveMeasureAnswers } from './record.js'
import { findMeasure, insertMeasure, type MeasureRow, openEpisodeOf } from './repository.js'
import { isOccasion } from './rules.js'
import type { Occasion } from './schema.js'

/*
 * Taking a measure with the practitioner, and sending one to the person by a single-use link (issue 6 §2). Every
 * write is checked in full first and commits with its audit row; nothing is written on bad input. Answers and
 * tokens never go into the audit trail: only ids, the instrument, the occasion and the status.
 */

export interface PersonOfRecord {
  id: string
  organisation_id: string
  language: 'cy' | 'en'
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: 'validation' | 'no_open_episode' | 'invalid_response'; errors: FieldError[] }

/** Errors from validateAnswers, worded per item (question number in the instrument's order). */
export function answerErrors(itemIds: string[], errors: { itemId: string; problem: 'unknown_item' | 'out_of_range' }[]): FieldError[] {
  return errors.map((e): FieldError => {
    const index = itemIds.indexOf(e.itemId)
    return e.problem === 'unknown_item' || index < 0
      ? { field: itemIds[0] ?? 'answers', key: 'measures.errors.unknownItem', params: { item: e.itemId } }
      : { field: e.itemId, key: 'measures.errors.outOfRange', params: { number: index + 1 } }
  })
}

/**
 * Only the answers given: validateAnswers returns every item, unanswered ones as null, and saving merges over the
 * answers already kept, so the nulls of items not sent would erase earlier answers.
 */
const given = (checked: Answers, sent: Answers): Answers => Object.fromEntries(Object.keys(sent).filter((k) => k in checked).map((k) => [k, checked[k] ?? null]))

/** The items (or entered-score fields) a form for this availability shows. */
export const formItems = (availability: FormAvailability) =>
  !availability.available ? [] : availability.mode === 'items' ? availability.form.items : availability.fields

/** Instrument and occasion as chosen; refused when unknown or when the organisation may not use the instrument. */
export async function checkChoice(
  app: FastifyInstance,
  person: PersonOfRecord,
  instrument: unknown,
  occasion: unknown,
  language: 'cy' | 'en',
): Promise<{ errors: FieldError[]; instrumentId: InstrumentId | null; occasion: Occasion | null; availability: FormAvailability | null }> {
  const errors: FieldError[] = []
  let availability: FormAvailability | null = null
  const instrumentId = isInstrumentId(instrument) ? instrument : null
  if (!instrumentId) errors.push({ field: 'instrument', key: 'measures.errors.chooseInstrument' })
  else {
    availability = await instrumentForm(app.deps.database.db, person.organisation_id, instrumentId, language)
    if (!availability.available) errors.push({ field: 'instrument', key: `measures.unavailable.${availability.reason}` })
  }
  if (!isOccasion(occasion)) errors.push({ field: 'occasion', key: 'measures.errors.chooseOccasion' })
  return { errors, instrumentId, occasion: isOccasion(occasion) ? occasion : null, availability }
}

/**
 * A new measure taken with the practitioner (or scores entered from a licensed source), in the open episode:
 * created and its answers saved together; `final` completes it, otherwise it is kept as partial.
 */
export async function takeMeasure(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonOfRecord,
  input: { instrument: unknown; occasion: unknown; answers: Answers | null; final: boolean },
): Promise<Outcome<{ id: string; status: 'partial' | 'complete' }>> {
  const choice = await checkChoice(app, person, input.instrument, input.occasion, request.lang)
  if (choice.errors.length || !choice.instrumentId || !choice.occasion || !choice.availability?.available)
    return { ok: false, problem: 'validation', errors: choice.errors }
  const { instrumentId, occasion, availability } = choice
  const items = formItems(availability).map((i) => i.id)
  if (!input.answers) return { ok: false, problem: 'invalid_response', errors: [{ field: items[0] ?? 'answers', key: 'measures.errors.answersShape' }] }
  const checked = validateAnswers(instrumentId, input.answers)
  if (!checked.ok) return { ok: false, problem: 'invalid_response', errors: answerErrors(items, checked.errors) }
  return app.deps.database.db.transaction().execute(async (trx) => {
    const episode = await openEpisodeOf(trx, person.id)
    if (!episode) return { ok: false, problem: 'no_open_episode', errors: [{ field: 'instrument', key: 'measures.errors.noOpenEpisode' }] }
    const id = await insertMeasure(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      instrumentId,
      occasion,
      mode: availability.mode === 'items' ? 'with_practitioner' : 'entered_scores',
      status: 'partial',
      itemLanguage: availability.mode === 'items' ? availability.form.itemLanguage : null,
      createdBy: request.user?.userId ?? null,
    })
    const saved = await saveMeasureAnswers(trx, id, given(checked.answers, input.answers ?? {}), { final: input.final, takenOn: walesParts(new Date()).date })
    await audit(trx, auditContext(request), {
      action: 'measure.create',
      recordType: 'measure',
      recordId: id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, episodeId: episode.id, instrument: instrumentId, occasion, status: saved.status },
    })
    return { ok: true, value: { id, status: saved.status } }
  })
}

/**
 * More answers to a measure not yet complete. When the practitioner carries on one that was sent to the person,
 * it becomes theirs together: the link is withdrawn so the person cannot also answer it.
 */
export async function continueMeasure(
  app: FastifyInstance,
  request: FastifyRequest,
  measure: MeasureRow,
  answers: Answers | null,
  final: boolean,
): Promise<Outcome<{ status: 'partial' | 'complete' }>> {
  const instrumentId = measure.instrument_id as InstrumentId
  const availability = await instrumentForm(app.deps.database.db, measure.organisation_id, instrumentId, request.lang)
  const items = formItems(availability).map((i) => i.id)
  if (!answers) return { ok: false, problem: 'invalid_response', errors: [{ field: items[0] ?? 'answers', key: 'measures.errors.answersShape' }] }
  const checked = validateAnswers(instrumentId, answers)
  if (!checked.ok) return { ok: false, problem: 'invalid_response', errors: answerErrors(items, checked.errors) }
  return app.deps.database.db.transaction().execute(async (trx) => {
    const current = await findMeasure(trx, measure.id)
    if (!current || current.status === 'complete') return { ok: false, problem: 'validation', errors: [{ field: items[0] ?? 'answers', key: 'measures.errors.alreadyComplete' }] }
    let withdrawn = 0
    if (current.mode === 'self_completed') {
      withdrawn = await revokeLinks(trx, 'measure', measure.id)
      await trx.updateTable('measures').set({ mode: 'with_practitioner' }).where('id', '=', measure.id).execute()
    }
    const saved = await saveMeasureAnswers(trx, measure.id, given(checked.answers, answers), { final, takenOn: walesParts(new Date()).date })
    await audit(trx, auditContext(request), {
      action: 'measure.update',
      recordType: 'measure',
      recordId: measure.id,
      organisationId: measure.organisation_id,
      detail: { personId: measure.person_id, status: saved.status, linksWithdrawn: withdrawn },
    })
    return { ok: true, value: saved }
  })
}

/** The address a person opens: this server's own, as the practitioner's browser reached it. */
export const linkUrl = (request: FastifyRequest, token: string) => `${request.protocol}://${request.host}/q/${token}`

/**
 * "Ask the person to fill it in themselves": the measure (self_completed, awaiting the person) and its link, in the
 * person's preferred language, made together. The token is returned to be shown once; the audit names the link's id.
 */
export async function sendMeasure(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonOfRecord,
  input: { instrument: unknown; occasion: unknown },
): Promise<Outcome<{ id: string; token: string; expiresAt: Date }>> {
  const choice = await checkChoice(app, person, input.instrument, input.occasion, person.language)
  if (choice.errors.length || !choice.instrumentId || !choice.occasion || !choice.availability?.available)
    return { ok: false, problem: 'validation', errors: choice.errors }
  const { instrumentId, occasion, availability } = choice
  if (availability.mode !== 'items') return { ok: false, problem: 'validation', errors: [{ field: 'how', key: 'measures.errors.notByLink' }] }
  return app.deps.database.db.transaction().execute(async (trx) => {
    const episode = await openEpisodeOf(trx, person.id)
    if (!episode) return { ok: false, problem: 'no_open_episode', errors: [{ field: 'instrument', key: 'measures.errors.noOpenEpisode' }] }
    const id = await insertMeasure(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      instrumentId,
      occasion,
      mode: 'self_completed',
      status: 'awaiting_person',
      itemLanguage: availability.form.itemLanguage,
      createdBy: request.user?.userId ?? null,
    })
    const link = await issueLink(trx, { purpose: 'measure', subjectId: id, personId: person.id, organisationId: person.organisation_id, language: person.language, createdBy: request.user?.userId ?? null })
    await audit(trx, auditContext(request), {
      action: 'measure.link_sent',
      recordType: 'measure',
      recordId: id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, episodeId: episode.id, instrument: instrumentId, occasion, linkId: link.id, expiresAt: link.expiresAt.toISOString() },
    })
    return { ok: true, value: { id, token: link.token, expiresAt: link.expiresAt } }
  })
}

/** Withdraws the open link of a measure; or, with `renew`, withdraws any and issues a new one (shown once). */
export async function relinkMeasure(
  app: FastifyInstance,
  request: FastifyRequest,
  measure: MeasureRow,
  person: PersonOfRecord,
  renew: boolean,
): Promise<{ token: string; expiresAt: Date } | null> {
  return app.deps.database.db.transaction().execute(async (trx) => {
    const withdrawn = await revokeLinks(trx, 'measure', measure.id)
    const link = renew
      ? await issueLink(trx, { purpose: 'measure', subjectId: measure.id, personId: person.id, organisationId: person.organisation_id, language: person.language, createdBy: request.user?.userId ?? null })
      : null
    await audit(trx, auditContext(request), {
      action: renew ? 'measure.link_renewed' : 'measure.link_withdrawn',
      recordType: 'measure',
      recordId: measure.id,
      organisationId: measure.organisation_id,
      detail: { personId: measure.person_id, withdrawn, ...(link ? { linkId: link.id } : {}) },
    })
    return link ? { token: link.token, expiresAt: link.expiresAt } : null
  })
}
