import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { type CloseOutcome, changeLevel, closeEpisode, feedbackFor, loadEpisodeFor } from './actions.js'
import { episodeApi } from './api.js'
import { type EpisodeRow, episodeEvents, openConnectionCount, otherProviders } from './repository.js'
import {
  daysAtEachLevel,
  SUMMARY_LIMIT,
  TRANSFER_REASON_LIMIT,
  transferConsentMethods,
  validateClosing,
  validateLevel,
  validateTransfer,
} from './rules.js'
import { closingReasons, levelsOfSupport } from './schema.js'
import { transferEpisode } from './transfer.js'
import { closingOutcomeRoutes } from './closing-outcomes-routes.js'
import { validateClosingOutcomes } from './closing-outcomes-rules.js'
import { closingOutcomeItems } from './closing-outcomes-schema.js'

const views = {
  close: 'features/episodes/views/close.njk',
  level: 'features/episodes/views/level.njk',
  transfer: 'features/episodes/views/transfer.njk',
  closed: 'features/episodes/views/closed.njk',
}

type Body = Record<string, unknown>
const body = (request: FastifyRequest): Body =>
  request.body && typeof request.body === 'object' ? (request.body as Body) : {}
const personUrl = (episode: EpisodeRow, notice: string) => `/people/${episode.person_id}?episode=${notice}#episode`

interface FormState {
  values: Record<string, string>
  errors: FieldError[]
}

/** Pages read the person's name and the episode: an audited read of personal data, like every other. */
async function audited(app: FastifyInstance, request: FastifyRequest, episode: EpisodeRow, action: string) {
  await audit(app.deps.database.db, auditContext(request), {
    action,
    recordType: 'episode',
    recordId: episode.id,
    organisationId: episode.organisation_id,
    detail: { personId: episode.person_id },
  })
}

/** An episode already closed: the page says so, with 409, instead of a form. */
async function closedPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, episode: EpisodeRow) {
  await audited(app, request, episode, 'episode.view')
  return reply.code(409).view(views.closed, { title: request.t('episodes.closedPage.title'), episode })
}

async function renderClose(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  episode: EpisodeRow,
  state: FormState,
  status = 200,
) {
  const { feedback, openConnections } = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'episode.close_form',
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      detail: { personId: episode.person_id },
    })
    return { feedback: await feedbackFor(trx, episode), openConnections: await openConnectionCount(trx, episode.id) }
  })
  return reply.code(status).view(views.close, {
    title: request.t('episodes.close.title'),
    episode,
    reasons: closingReasons,
    summaryLimit: SUMMARY_LIMIT,
    offerFeedback: feedback.ok,
    feedbackRefused: feedback.ok ? null : feedback.code,
    openConnections,
    outcomeItems: closingOutcomeItems,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
  })
}

async function renderLevel(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  episode: EpisodeRow,
  state: FormState,
  status = 200,
) {
  await audited(app, request, episode, 'episode.level_form')
  const history = await episodeEvents(app.deps.database.db, { episodeId: episode.id })
  return reply.code(status).view(views.level, {
    title: request.t('episodes.level.title'),
    episode,
    levels: levelsOfSupport,
    daysAtLevel: daysAtEachLevel(history, episode.ended_at ?? new Date()),
    hasHistory: history.some((e) => e.kind === 'level_set' || e.kind === 'level_changed'),
    values: { levelOfSupport: episode.level_of_support ?? '', ...state.values },
    errors: summaryErrors(request.t, state.errors),
  })
}

async function renderTransfer(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  episode: EpisodeRow,
  state: FormState,
  status = 200,
) {
  await audited(app, request, episode, 'episode.transfer_form')
  const providers = await otherProviders(app.deps.database.db, episode.organisation_id)
  return reply.code(status).view(views.transfer, {
    title: request.t('episodes.transfer.title'),
    episode,
    providers: providers.map((p) => ({ id: p.id, name: request.lang === 'cy' && p.name_cy ? p.name_cy : p.name })),
    methods: transferConsentMethods,
    reasonLimit: TRANSFER_REASON_LIMIT,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
  })
}

/** Routes for the episode of support: level of support, closing, feedback to the referrer, transfer (issue 5). */
export async function episodeRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/episodes/:id/level', { config: { action: 'episodes.manage' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.manage')
    if (episode.status !== 'open') return closedPage(app, request, reply, episode)
    return renderLevel(app, request, reply, episode, { values: {}, errors: [] })
  })

  app.post('/episodes/:id/level', { config: { action: 'episodes.manage' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.manage')
    const { value, values, errors } = validateLevel(body(request))
    if (!value) return renderLevel(app, request, reply, episode, { values, errors }, 400)
    const outcome = await changeLevel(app, request, episode.id, value)
    if (!outcome.ok) return closedPage(app, request, reply, episode)
    return reply.redirect(personUrl(episode, 'level'), 303)
  })

  app.get('/episodes/:id/close', { config: { action: 'episodes.manage' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.manage')
    if (episode.status !== 'open') return closedPage(app, request, reply, episode)
    return renderClose(app, request, reply, episode, { values: {}, errors: [] })
  })

  app.post('/episodes/:id/close', { config: { action: 'episodes.manage' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.manage')
    if (episode.status !== 'open') return closedPage(app, request, reply, episode)
    const closing = validateClosing(body(request))
    const outcomes = validateClosingOutcomes(body(request))
    const { value } = closing
    const values = { ...closing.values, ...outcomes.values }
    const errors = [...closing.errors, ...outcomes.errors]
    if (errors.length > 0) return renderClose(app, request, reply, episode, { values, errors }, 400)
    const outcome: CloseOutcome = await closeEpisode(app, request, episode.id, value, outcomes.value)
    if (!outcome.ok)
      return outcome.problem === 'episode_closed'
        ? closedPage(app, request, reply, episode)
        : renderClose(app, request, reply, episode, { values, errors: outcome.errors }, 400)
    return reply.redirect(personUrl(episode, outcome.feedbackSent ? 'closedWithFeedback' : 'closed'), 303)
  })

  app.get('/episodes/:id/transfer', { config: { action: 'episodes.transfer' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.transfer')
    if (episode.status !== 'open') return closedPage(app, request, reply, episode)
    return renderTransfer(app, request, reply, episode, { values: {}, errors: [] })
  })

  app.post('/episodes/:id/transfer', { config: { action: 'episodes.transfer' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.transfer')
    if (episode.status !== 'open') return closedPage(app, request, reply, episode)
    const providers = await otherProviders(db, episode.organisation_id)
    const { value, values, errors } = validateTransfer(
      body(request),
      providers.map((p) => p.id),
    )
    if (errors.length > 0) return renderTransfer(app, request, reply, episode, { values, errors }, 400)
    const outcome = await transferEpisode(app, request, episode.id, value)
    if (!outcome.ok) {
      if (outcome.problem === 'episode_closed') return closedPage(app, request, reply, episode)
      return renderTransfer(
        app,
        request,
        reply,
        episode,
        { values, errors: [{ field: 'organisationId', key: 'episodes.errors.organisationInvalid' }] },
        400,
      )
    }
    return reply.redirect(personUrl(episode, 'transferred'), 303)
  })

  await episodeApi(app)
  await closingOutcomeRoutes(app)
}
