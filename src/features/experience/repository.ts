import { type Kysely, sql, type Transaction } from 'kysely'
import { userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import { issueLink, newestLinkOf, revokeLinks } from '../self-completion/links.js'
import type { OwnWordsForm, SurveyAnswers } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

/*
 * Reads and writes of the person's voice (migrations/0022). Callers audit in the same transaction; nothing here
 * logs or returns a link's token except issueSurvey, whose caller shows it once.
 */

export async function ownWordsOf(db: Db, personId: string) {
  return db
    .selectFrom('own_words_outcomes as o')
    .select([
      'o.id',
      'o.episode_id',
      'o.said_on',
      'o.words',
      'o.theme',
      'o.occasion',
      'o.created_at',
      userName('o.recorded_by').as('recorded_by_name'),
    ])
    .where('o.person_id', '=', personId)
    .orderBy('o.said_on', 'desc')
    .orderBy('o.created_at', 'desc')
    .execute()
}
export type OwnWordsRow = Awaited<ReturnType<typeof ownWordsOf>>[number]

/** The episode words said now belong to: the open one, or else the one that ended last (a follow-up after closing). */
export async function currentOrLastEpisode(db: Db, personId: string) {
  return db
    .selectFrom('episodes')
    .select(['id', 'status', 'organisation_id'])
    .where('person_id', '=', personId)
    .orderBy(sql`case when status = 'open' then 0 else 1 end`)
    .orderBy('started_at', 'desc')
    .executeTakeFirst()
}

export async function insertOwnWords(
  trx: Transaction<DB>,
  row: { personId: string; episodeId: string | null; organisationId: string; recordedBy: string | null },
  form: OwnWordsForm,
) {
  return trx
    .insertInto('own_words_outcomes')
    .values({
      person_id: row.personId,
      episode_id: row.episodeId,
      organisation_id: row.organisationId,
      said_on: form.saidOn,
      words: form.words,
      theme: form.theme,
      occasion: form.occasion,
      recorded_by: row.recordedBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow()
}

/** The person's survey invitations, every organisation's: one per closed episode at most (episode_id is unique). */
export function invitationsOfPerson(db: Db, personId: string) {
  return db
    .selectFrom('experience_invitations')
    .select(['id', 'episode_id', 'created_at', 'replied'])
    .where('person_id', '=', personId)
    .execute()
}
export type InvitationRow = Awaited<ReturnType<typeof invitationsOfPerson>>[number]

/**
 * The closed episodes given (the person's, of one organisation), the one that ended last first, each with its survey
 * invitation (if sent), its link's state and the reply the person chose to link to their record. The person page
 * passes the episodes and invitations it has read for its other sections.
 */
export async function closedEpisodesWithSurvey(
  db: Db,
  closed: { id: string; ended_at: Date | null }[],
  invitations: InvitationRow[],
) {
  const byEpisode = new Map(invitations.map((i) => [i.episode_id, i]))
  const latestFirst = [...closed].sort((a, b) => (b.ended_at?.getTime() ?? 0) - (a.ended_at?.getTime() ?? 0))
  return Promise.all(
    latestFirst.map(async (e) => {
      const invitation = byEpisode.get(e.id)
      return {
        episodeId: e.id,
        endedAt: e.ended_at,
        invitationId: invitation?.id ?? null,
        sentAt: invitation?.created_at ?? null,
        replied: invitation?.replied ?? false,
        link: invitation ? await newestLinkOf(db, 'experience_survey', invitation.id) : null,
        // Only a reply the person chose to link to their record is found here: anonymous ones carry no invitation.
        namedReply: invitation ? await namedReplyOf(db, invitation.id) : null,
      }
    }),
  )
}

/** The answers of the reply linked to an invitation, with the services rated, when the person chose to link it. */
async function namedReplyOf(db: Db, invitationId: string) {
  const reply = await db
    .selectFrom('experience_replies as r')
    .selectAll('r')
    .where('r.invitation_id', '=', invitationId)
    .executeTakeFirst()
  if (!reply) return null
  const ratings = await db
    .selectFrom('experience_service_ratings as x')
    .innerJoin('services as s', 's.id', 'x.service_id')
    .select(['x.service_id', 'x.satisfaction', 's.name', 's.name_cy'])
    .where('x.reply_id', '=', reply.id)
    .execute()
  return { ...reply, ratings }
}

export async function findEpisode(db: Db, episodeId: string) {
  return db
    .selectFrom('episodes')
    .select(['id', 'person_id', 'organisation_id', 'status'])
    .where('id', '=', episodeId)
    .executeTakeFirst()
}

/**
 * Creates the episode's one invitation and its single-use link, in the person's language. Returns null when the
 * episode already has one (the unique episode_id refuses a second, also when two requests race).
 */
export async function issueSurvey(
  trx: Transaction<DB>,
  episode: { id: string; person_id: string; organisation_id: string },
  language: 'cy' | 'en',
  sentBy: string | null,
) {
  const invitation = await trx
    .insertInto('experience_invitations')
    .values({
      person_id: episode.person_id,
      episode_id: episode.id,
      organisation_id: episode.organisation_id,
      sent_by: sentBy,
    })
    .onConflict((oc) => oc.column('episode_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!invitation) return null
  return linkFor(trx, invitation.id, episode, language, sentBy)
}

/**
 * A new link for an invitation that has had no reply (the first expired, or the person lost it): any link still open
 * is withdrawn first, so only the newest one works. Null once a reply has arrived: the survey is answered once.
 */
export async function reissueSurvey(
  trx: Transaction<DB>,
  episode: { id: string; person_id: string; organisation_id: string },
  language: 'cy' | 'en',
  sentBy: string | null,
) {
  const invitation = await trx
    .selectFrom('experience_invitations')
    .select(['id', 'replied'])
    .where('episode_id', '=', episode.id)
    .forUpdate()
    .executeTakeFirst()
  if (!invitation || invitation.replied) return null
  await revokeLinks(trx, 'experience_survey', invitation.id)
  return linkFor(trx, invitation.id, episode, language, sentBy)
}

async function linkFor(
  trx: Transaction<DB>,
  invitationId: string,
  episode: { id: string; person_id: string; organisation_id: string },
  language: 'cy' | 'en',
  sentBy: string | null,
) {
  const invitation = { id: invitationId }
  const link = await issueLink(trx, {
    purpose: 'experience_survey',
    subjectId: invitation.id,
    personId: episode.person_id,
    organisationId: episode.organisation_id,
    language,
    createdBy: sentBy,
  })
  return { invitationId: invitation.id, linkId: link.id, token: link.token, expiresAt: link.expiresAt }
}

export async function findInvitation(db: Db, invitationId: string) {
  return db
    .selectFrom('experience_invitations')
    .select(['id', 'person_id', 'episode_id', 'organisation_id', 'replied'])
    .where('id', '=', invitationId)
    .executeTakeFirst()
}

/** The services the episode connected the person to (CDS #95), by name only, once each. */
export async function connectedServices(db: Db, episodeId: string, lang: 'cy' | 'en') {
  const rows = await db
    .selectFrom('connections as c')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .select(['s.id', 's.name', 's.name_cy'])
    .where('c.episode_id', '=', episodeId)
    // A suggestion the practitioner never acted on was not a connection.
    .where('c.status', '!=', 'suggested')
    .distinct()
    .execute()
  return rows
    .map((r) => ({ id: r.id, name: lang === 'cy' && r.name_cy ? r.name_cy : r.name }))
    .sort((a, b) => a.name.localeCompare(b.name, lang))
}

/**
 * Stores a reply. An anonymous one is written with only the organisation, the month and the answers, so that it
 * cannot be traced back; the invitation records only that a reply arrived.
 */
export async function storeReply(
  trx: Transaction<DB>,
  invitation: { id: string; person_id: string; episode_id: string; organisation_id: string },
  answers: SurveyAnswers,
  month: string,
  now: Date,
) {
  const named = !answers.anonymous
  const reply = await trx
    .insertInto('experience_replies')
    .values({
      organisation_id: invitation.organisation_id,
      month,
      anonymous: answers.anonymous,
      person_id: named ? invitation.person_id : null,
      episode_id: named ? invitation.episode_id : null,
      invitation_id: named ? invitation.id : null,
      received_at: named ? now : null,
      service_satisfaction: answers.scales.serviceSatisfaction,
      information_satisfaction: answers.scales.informationSatisfaction,
      influenced_decisions: answers.scales.influencedDecisions,
      positive_experience: answers.scales.positiveExperience,
      service_barriers: answers.barriers.serviceBarriers,
      practitioner_barriers: answers.barriers.practitionerBarriers,
      comment: answers.comment,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (answers.services.length)
    await trx
      .insertInto('experience_service_ratings')
      .values(
        answers.services.map((s) => ({ reply_id: reply.id, service_id: s.serviceId, satisfaction: s.satisfaction })),
      )
      .execute()
  await trx.updateTable('experience_invitations').set({ replied: true }).where('id', '=', invitation.id).execute()
  return { replyId: reply.id }
}

/** The organisation's replies whose month falls in [fromMonth, toMonth], with their service ratings. */
export async function repliesBetween(db: Db, organisationId: string, fromMonth: string, toMonth: string) {
  const replies = await db
    .selectFrom('experience_replies as r')
    .selectAll('r')
    .where('r.organisation_id', '=', organisationId)
    .where('r.month', '>=', fromMonth)
    .where('r.month', '<=', toMonth)
    .orderBy('r.month', 'desc')
    .execute()
  const ratings = replies.length
    ? await db
        .selectFrom('experience_service_ratings as x')
        .innerJoin('services as s', 's.id', 'x.service_id')
        .select(['x.reply_id', 'x.service_id', 'x.satisfaction', 's.name', 's.name_cy'])
        .where(
          'x.reply_id',
          'in',
          replies.map((r) => r.id),
        )
        .execute()
    : []
  return { replies, ratings }
}
