import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { todayInWales } from '../what-matters/dates.js'
import { currentOrLastEpisode, findEpisode, insertOwnWords, issueSurvey, reissueSurvey, repliesBetween } from './repository.js'
import { validateOwnWords } from './rules.js'
import { summarise } from './summary.js'

/*
 * The practitioner's writes, shared by the pages and the API: each validates first (nothing is written on bad
 * input) and audits in the transaction that writes.
 */

export type OwnWordsOutcome = { ok: true; id: string } | { ok: false; errors: FieldError[] }

/** Records what the person says has changed for them (CDS #97), against their open or latest episode. */
export async function recordOwnWords(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  body: Record<string, unknown>,
): Promise<OwnWordsOutcome> {
  const checked = validateOwnWords(body, todayInWales(new Date()))
  if (!checked.ok) return checked
  return app.deps.database.db.transaction().execute(async (trx) => {
    const episode = await currentOrLastEpisode(trx, person.id)
    const row = await insertOwnWords(
      trx,
      {
        personId: person.id,
        episodeId: episode?.id ?? null,
        organisationId: person.organisation_id,
        recordedBy: request.user?.userId ?? null,
      },
      checked.value,
    )
    await audit(trx, auditContext(request), {
      action: 'own_words.record',
      recordType: 'own_words_outcome',
      recordId: row.id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, occasion: checked.value.occasion },
    })
    return { ok: true as const, id: row.id }
  })
}

export type SendOutcome =
  | { ok: true; invitationId: string; token: string; expiresAt: Date }
  | { ok: false; problem: 'episode_not_found' | 'episode_open' | 'already_replied' }

/**
 * Sends the experience survey for one of the person's closed episodes: the invitation and its single-use link in
 * the person's language. The token is returned once, for the practitioner to pass on; it is never stored or audited.
 */
export async function sendSurvey(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  episodeId: unknown,
): Promise<SendOutcome> {
  const db = app.deps.database.db
  const episode = isUuid(episodeId) ? await findEpisode(db, episodeId) : undefined
  if (!episode || episode.person_id !== person.id || episode.organisation_id !== person.organisation_id)
    return { ok: false, problem: 'episode_not_found' }
  if (episode.status !== 'closed') return { ok: false, problem: 'episode_open' }
  return db.transaction().execute(async (trx) => {
    const language = person.language === 'cy' ? 'cy' : 'en'
    // The first send makes the episode's one invitation; later sends (the link expired or was lost) give it a new
    // link and withdraw the old, until the person replies.
    const sentBy = request.user?.userId ?? null
    const sent = (await issueSurvey(trx, episode, language, sentBy)) ?? (await reissueSurvey(trx, episode, language, sentBy))
    if (!sent) return { ok: false as const, problem: 'already_replied' as const }
    await audit(trx, auditContext(request), {
      action: 'experience_survey.send',
      recordType: 'experience_invitation',
      recordId: sent.invitationId,
      organisationId: person.organisation_id,
      detail: { personId: person.id, episodeId: episode.id, linkId: sent.linkId, language },
    })
    return { ok: true as const, invitationId: sent.invitationId, token: sent.token, expiresAt: sent.expiresAt }
  })
}

export const surveyUrl = (request: FastifyRequest, token: string) =>
  `${request.protocol}://${request.host}/survey/${token}`

/** The survey results of the user's own organisation for a period (issue 6 §5 "Results"), audited as a read. */
export async function readSummary(app: FastifyInstance, request: FastifyRequest, period: { from: string; to: string }) {
  const organisationId = request.user?.organisationId
  if (!organisationId || !can(request.user, 'experience.view', { organisationId })) throw forbidden()
  const { replies, ratings } = await app.deps.database.db.transaction().execute(async (trx) => {
    const found = await repliesBetween(trx, organisationId, period.from, period.to)
    // Named replies carry personal data (their comments): the read is audited like any other.
    await audit(trx, auditContext(request), {
      action: 'experience_summary.view',
      recordType: 'organisation',
      recordId: organisationId,
      organisationId,
      detail: { from: period.from, to: period.to, replies: found.replies.length },
    })
    return found
  })
  return summarise(replies, ratings, request.lang)
}
