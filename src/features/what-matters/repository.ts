import { type Kysely, sql, type Transaction } from 'kysely'
import { lookedUp, userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import { type ThemeCode, themeCodes } from '../directory/matching/themes.js'
import type { ConversationForm } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

/** The person's open episode with the reasons of the referral that started it (CDS #125 compares against them). */
export function openEpisodeWithReasons(db: Db, personId: string) {
  return db
    .selectFrom('episodes as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .select(['e.id', 'e.practitioner_id', 'e.organisation_id', 'r.reasons', 'r.reference'])
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'open')
    .orderBy('e.started_at', 'desc')
    .executeTakeFirst()
}

const columns = [
  'c.id',
  'c.person_id',
  'c.episode_id',
  'c.organisation_id',
  'c.completed',
  'c.held_on',
  'c.themes',
  'c.own_words',
  'c.strengths',
  'c.needs_domains',
  'c.needs_note',
  'c.referral_reasons',
  'c.confirmed_reasons',
  'c.emerged_issues',
  'c.setting_preference',
  'c.group_preference',
  'c.welsh_medium',
  'c.times_of_day',
  'c.travel',
  'c.created_at',
  'c.updated_at',
] as const

function conversations(db: Db) {
  return db
    .selectFrom('what_matters_conversations as c')
    .select(columns)
    .select([userName('c.recorded_by').as('recorded_by_name'), lookedUp<string>('episodes', 'status', 'c.episode_id').as('episode_status')])
}

export type Conversation = NonNullable<Awaited<ReturnType<typeof findConversation>>>

export function findConversation(db: Db, id: string) {
  return conversations(db).where('c.id', '=', id).executeTakeFirst()
}

/** A person's conversations, the latest held first. */
export function conversationsOf(db: Db, personId: string) {
  return conversations(db)
    .where('c.person_id', '=', personId)
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute()
}

const contentOf = (f: ConversationForm) => ({
  held_on: f.heldOn,
  completed: f.completed,
  themes: f.themes,
  own_words: f.ownWords,
  strengths: f.strengths,
  needs_domains: f.needsDomains,
  needs_note: f.needsNote,
  confirmed_reasons: f.confirmedReasons,
  emerged_issues: f.emergedIssues,
  setting_preference: f.settingPreference,
  group_preference: f.groupPreference,
  welsh_medium: f.welshMedium,
  times_of_day: f.timesOfDay,
  travel: f.travel,
})

export async function insertConversation(
  trx: Transaction<DB>,
  c: {
    personId: string
    episodeId: string
    organisationId: string
    referralReasons: string[]
    form: ConversationForm
    userId: string | null
  },
): Promise<string> {
  const row = await trx
    .insertInto('what_matters_conversations')
    .values({
      person_id: c.personId,
      episode_id: c.episodeId,
      organisation_id: c.organisationId,
      referral_reasons: c.referralReasons,
      recorded_by: c.userId,
      updated_by: c.userId,
      ...contentOf(c.form),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateConversation(
  trx: Transaction<DB>,
  id: string,
  form: ConversationForm,
  userId: string | null,
): Promise<void> {
  await trx
    .updateTable('what_matters_conversations')
    .set({ ...contentOf(form), updated_by: userId, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

/**
 * The themes of the person's latest conversation that recorded any (CDS #108), or null when none did: suggested
 * services then fall back to the referral's reasons (src/features/directory/matching/repository.ts).
 */
/**
 * The themes of the latest conversation that has any (conversations newest first, as conversationsOf gives them), in
 * the order of themeCodes; null when none has. What latestConversationThemes reads, from rows already read.
 */
export function latestThemesOf(conversations: readonly { themes: readonly string[] }[]): ThemeCode[] | null {
  const latest = conversations.find((c) => c.themes.length > 0)
  return latest ? themeCodes.filter((c) => latest.themes.includes(c)) : null
}

export async function latestConversationThemes(db: Db, personId: string): Promise<ThemeCode[] | null> {
  const row = await db
    .selectFrom('what_matters_conversations')
    .select('themes')
    .where('person_id', '=', personId)
    .where(sql<boolean>`cardinality(themes) > 0`)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return latestThemesOf(row ? [row] : [])
}
