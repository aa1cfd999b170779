import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { documentOnly } from '../../platform/http/api.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { loadGuardedPerson } from '../person-record/access.js'
import { changeLevel, closeEpisode, loadEpisodeFor } from './actions.js'
import {
  closeBodySchema,
  episodeSchema,
  idParams,
  invalid,
  levelBodySchema,
  problems,
  transferBodySchema,
  transferResponseSchema,
} from './api-schemas.js'
import {
  type EpisodeEventRow,
  type EpisodeRow,
  episodeEvents,
  episodesOfPerson,
  findEpisode,
  otherProviders,
} from './repository.js'
import { daysAtEachLevel, validateClosing, validateLevel, validateTransfer } from './rules.js'
import { transferEpisode } from './transfer.js'
import { closingOutcomesJson, findClosingOutcomes } from './closing-outcomes.js'
import { validateClosingOutcomes } from './closing-outcomes-rules.js'

const tags = ['Episodes']
type Db = Kysely<DB> | Transaction<DB>
type Raw = Record<string, unknown>
const raw = (request: FastifyRequest): Raw =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Raw) : {}

export function episodeJson(e: EpisodeRow, events: EpisodeEventRow[]) {
  return {
    id: e.id,
    personId: e.person_id,
    referralId: e.referral_id,
    referralReference: e.reference,
    status: e.status,
    startedAt: e.started_at.toISOString(),
    endedAt: e.ended_at?.toISOString() ?? null,
    referralReceivedAt: e.received_at.toISOString(),
    practitioner: e.practitioner_name,
    levelOfSupport: e.level_of_support,
    closing:
      e.status === 'closed' && e.closing_reason
        ? {
            reason: e.closing_reason,
            summary: e.closing_summary,
            closedBy: e.closed_by_name,
            feedbackSentAt: e.feedback_sent_at?.toISOString() ?? null,
            transferredTo: e.transferred_to_organisation_id
              ? {
                  organisationId: e.transferred_to_organisation_id,
                  name: e.transferred_to_name,
                  referralId: e.transferred_to_referral_id,
                }
              : null,
          }
        : null,
    daysAtLevel: daysAtEachLevel(
      events.filter((ev) => ev.episode_id === e.id),
      e.ended_at ?? new Date(),
    ),
    events: events
      .filter((ev) => ev.episode_id === e.id)
      .map((ev) => ({
        kind: ev.kind,
        levelOfSupport: ev.level_of_support,
        previousLevel: ev.previous_level,
        closingReason: ev.closing_reason,
        at: ev.at.toISOString(),
      })),
  }
}

/** The episode as JSON, read and audited together. */
async function readEpisode(db: Db, request: FastifyRequest, id: string, action = 'episode.view') {
  const episode = await findEpisode(db, id)
  if (!episode) throw notFound()
  const events = await episodeEvents(db, { episodeId: id })
  const outcomes = episode.status === 'closed' ? await findClosingOutcomes(db, id) : undefined
  await audit(db, auditContext(request), {
    action,
    recordType: 'episode',
    recordId: id,
    organisationId: episode.organisation_id,
    detail: { personId: episode.person_id },
  })
  return {
    ...episodeJson(episode, events),
    closingOutcomes: episode.status === 'closed' ? closingOutcomesJson(episode, outcomes) : null,
  }
}

/** The episode of support as JSON (issue 5 §12): read it, change its level, close it, transfer it; a person's episodes. */
export async function episodeApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const closedProblem = (request: FastifyRequest, reply: Parameters<typeof sendProblem>[1]) =>
    sendProblem(request, reply, 409, 'episode_closed', request.t('episodes.errors.episodeClosed'))
  const invalidProblem = (
    request: FastifyRequest,
    reply: Parameters<typeof sendProblem>[1],
    errors: Parameters<typeof apiErrors>[1],
  ) =>
    sendProblem(request, reply, 422, 'validation_failed', request.t('episodes.api.invalid'), {
      errors: apiErrors(request.t, errors),
    })

  app.get(
    '/api/v1/episodes/:id',
    {
      config: { action: 'episodes.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'An episode of support: level of support, status, closing and its history',
        params: idParams,
        response: { 200: episodeSchema, ...problems },
      },
    },
    async (request) => {
      const episode = await loadEpisodeFor(app, request, 'episodes.view', 'not_found')
      return db.transaction().execute((trx) => readEpisode(trx, request, episode.id))
    },
  )

  app.patch(
    '/api/v1/episodes/:id',
    {
      config: { action: 'episodes.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Set or change the level of support',
        description:
          'Each change is kept in the episode’s history (events) and audited. 409 `episode_closed` when the episode is closed.',
        params: idParams,
        body: levelBodySchema,
        response: { 200: episodeSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisodeFor(app, request, 'episodes.manage', 'not_found')
      const { value, errors } = validateLevel(raw(request))
      if (!value) return invalidProblem(request, reply, errors)
      const outcome = await changeLevel(app, request, episode.id, value)
      if (!outcome.ok) return closedProblem(request, reply)
      return db.transaction().execute((trx) => readEpisode(trx, request, episode.id))
    },
  )

  app.post(
    '/api/v1/episodes/:id/close',
    {
      config: { action: 'episodes.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Close an episode of support, optionally sending the referrer the outcome and summary',
        description:
          'Open follow-ups of the episode become not done ("episode closed"); connections are left as they are. Feedback is logged in the information-sharing log on the person’s consent. 409 `episode_closed`, `consent_missing` or `no_referrer`; nothing is written then.',
        params: idParams,
        body: closeBodySchema,
        response: { 200: episodeSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisodeFor(app, request, 'episodes.manage', 'not_found')
      const { value, errors } = validateClosing(raw(request))
      const outcomes = validateClosingOutcomes(raw(request).outcomes, { prefix: 'outcomes.', strict: true })
      if (errors.length + outcomes.errors.length > 0)
        return invalidProblem(request, reply, [...errors, ...outcomes.errors])
      if (episode.status !== 'open') return closedProblem(request, reply)
      const outcome = await closeEpisode(app, request, episode.id, value, outcomes.value)
      if (!outcome.ok)
        return outcome.problem === 'episode_closed'
          ? closedProblem(request, reply)
          : sendProblem(
              request,
              reply,
              409,
              outcome.problem,
              request.t(outcome.errors[0]?.key ?? 'episodes.api.invalid'),
            )
      return db.transaction().execute((trx) => readEpisode(trx, request, episode.id))
    },
  )

  app.post(
    '/api/v1/episodes/:id/transfer',
    {
      config: { action: 'episodes.transfer' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Transfer the person to another social prescribing provider, with their consent',
        description:
          'In one transaction: the consent recorded, a copy of the person’s record and a new referral (status received) at the receiving provider, this episode closed as transferred, the disclosure logged, both sides audited. 409 `episode_closed`.',
        params: idParams,
        body: transferBodySchema,
        response: { 201: transferResponseSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisodeFor(app, request, 'episodes.transfer', 'not_found')
      const providers = await otherProviders(db, episode.organisation_id)
      const { value, errors } = validateTransfer(
        raw(request),
        providers.map((p) => p.id),
      )
      if (errors.length > 0) return invalidProblem(request, reply, errors)
      if (episode.status !== 'open') return closedProblem(request, reply)
      const outcome = await transferEpisode(app, request, episode.id, value)
      if (!outcome.ok)
        return outcome.problem === 'episode_closed'
          ? closedProblem(request, reply)
          : invalidProblem(request, reply, [{ field: 'organisationId', key: 'episodes.errors.organisationInvalid' }])
      const json = await db.transaction().execute((trx) => readEpisode(trx, request, episode.id))
      return reply.code(201).send({
        episode: json,
        transferredTo: {
          organisationId: value.organisationId,
          referralId: outcome.referralId,
          reference: outcome.reference,
        },
      })
    },
  )

  app.get(
    '/api/v1/people/:id/episodes',
    {
      config: { action: 'episodes.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'A person’s episodes of support, newest first',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { episodes: { type: 'array', items: episodeSchema } },
            required: ['episodes'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadGuardedPerson(app, request, 'episodes.view', 'episode.list', 'not_found')
      const { episodes, events } = await db.transaction().execute(async (trx) => {
        const found = await episodesOfPerson(trx, person.id)
        const history = await episodeEvents(trx, { personId: person.id })
        await audit(trx, auditContext(request), {
          action: 'episode.list',
          recordType: 'person',
          recordId: person.id,
          organisationId: person.organisation_id,
          detail: { count: found.length },
        })
        return { episodes: found, events: history }
      })
      return { episodes: episodes.map((e) => episodeJson(e, events)) }
    },
  )
}
