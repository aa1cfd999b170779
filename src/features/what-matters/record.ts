import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import type { FieldError } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { todayInWales } from './dates.js'
import { type Conversation, insertConversation, openEpisodeWithReasons, updateConversation } from './repository.js'
import { type ConversationValues, validateConversation } from './rules.js'

export type RecordOutcome =
  | { ok: true; id: string }
  | {
      ok: false
      problem: 'validation' | 'no_open_episode' | 'episode_closed'
      errors: FieldError[]
      values: ConversationValues
    }

/**
 * Records a new conversation in the person's open episode: checked in full first, then the row and its audit
 * commit together; bad input writes nothing.
 */
export async function recordConversation(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  raw: Record<string, unknown>,
): Promise<RecordOutcome> {
  const db = app.deps.database.db
  const episode = await openEpisodeWithReasons(db, person.id)
  const { value, values, errors } = validateConversation(raw, episode?.reasons ?? [], todayInWales(new Date()))
  if (!episode)
    return {
      ok: false,
      problem: 'no_open_episode',
      errors: [{ field: 'heldOn', key: 'whatMatters.form.noEpisode', href: '#heldOn-day' }],
      values,
    }
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, values }
  const id = await db.transaction().execute(async (trx) => {
    const created = await insertConversation(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      referralReasons: episode.reasons,
      form: value,
      userId: request.user?.userId ?? null,
    })
    await audit(trx, auditContext(request), {
      action: 'what_matters.create',
      recordType: 'what_matters_conversation',
      recordId: created,
      organisationId: person.organisation_id,
      detail: { personId: person.id, completed: value.completed, themes: value.themes },
    })
    return created
  })
  return { ok: true, id }
}

/**
 * Changes a recorded conversation while its episode is open (a closed episode's record stays as it was closed); the
 * referral reasons it is compared with stay those it was recorded against.
 */
export async function changeConversation(
  app: FastifyInstance,
  request: FastifyRequest,
  conversation: Conversation,
  raw: Record<string, unknown>,
): Promise<RecordOutcome> {
  const { value, values, errors } = validateConversation(raw, conversation.referral_reasons, todayInWales(new Date()))
  if (conversation.episode_status !== 'open')
    return {
      ok: false,
      problem: 'episode_closed',
      errors: [{ field: 'heldOn', key: 'whatMatters.errors.episodeClosed', href: '#heldOn-day' }],
      values,
    }
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, values }
  await app.deps.database.db.transaction().execute(async (trx) => {
    await updateConversation(trx, conversation.id, value, request.user?.userId ?? null)
    await audit(trx, auditContext(request), {
      action: 'what_matters.update',
      recordType: 'what_matters_conversation',
      recordId: conversation.id,
      organisationId: conversation.organisation_id,
      detail: { personId: conversation.person_id, completed: value.completed, themes: value.themes },
    })
  })
  return { ok: true, id: conversation.id }
}

/** The form's values from a stored conversation, as the page shows them. */
export function valuesOf(c: Conversation): ConversationValues {
  return {
    completed: c.completed ? 'yes' : 'no',
    themes: c.themes,
    ownWords: c.own_words ?? '',
    strengths: c.strengths ?? '',
    needsDomains: c.needs_domains,
    needsNote: c.needs_note ?? '',
    confirmedReasons: c.confirmed_reasons,
    emergedIssues: c.emerged_issues ?? '',
    settingPreference: c.setting_preference ?? '',
    groupPreference: c.group_preference ?? '',
    welshMedium: c.welsh_medium ?? '',
    timesOfDay: c.times_of_day,
    travel: c.travel ?? '',
  }
}
