import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { documentOnly } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError, summaryErrors } from '../admin/fields.js'
import { loadEpisodeFor } from './actions.js'
import { closingOutcomesSchema, outcomeAnswersSchema } from './closing-outcomes-api-schemas.js'
import { closingOutcomesJson, findClosingOutcomes, saveClosingOutcomes } from './closing-outcomes.js'
import { answersOf, OUTCOMES_EDIT_DAYS, outcomesEditable, validateClosingOutcomes } from './closing-outcomes-rules.js'
import { closingOutcomeItems, NOT_ASKED } from './closing-outcomes-schema.js'
import { idParams, invalid, problems } from './api-schemas.js'
import { type EpisodeRow, lockEpisode } from './repository.js'

/*
 * What the person says changed, after the closing (docs/closing-outcomes.md): the page to record or correct the
 * answers on a closed episode for 30 days, and GET/PUT /api/v1/episodes/{id}/closing-outcomes.
 */

const view = 'features/episodes/views/closing-outcomes.njk'
const tags = ['Episodes']
type Body = Record<string, unknown>
const body = (request: FastifyRequest): Body =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Body) : {}

type SaveOutcome = { ok: true } | { ok: false; problem: 'episode_open' | 'outcomes_locked' }

/** Saves the answers if the episode (locked, read again) still allows it; with its audit row, or nothing at all. */
async function save(app: FastifyInstance, request: FastifyRequest, episode: EpisodeRow, raw: Body, strict: boolean) {
  return app.deps.database.db.transaction().execute(async (trx): Promise<SaveOutcome> => {
    const locked = await lockEpisode(trx, episode.id)
    const current = await trx
      .selectFrom('episodes as e')
      .select(['e.status', 'e.ended_at'])
      .where('e.id', '=', locked.id)
      .executeTakeFirstOrThrow()
    const editable = outcomesEditable(current, new Date())
    if (!editable.ok) return editable
    const { value } = validateClosingOutcomes(raw, { strict })
    await saveClosingOutcomes(trx, auditContext(request), {
      episode,
      answers: value,
      userId: request.user?.userId ?? null,
      now: new Date(),
    })
    return { ok: true }
  })
}

async function renderPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  episode: EpisodeRow,
  state: { values: Record<string, string> | null; errors: FieldError[] },
  status = 200,
) {
  const editable = outcomesEditable(episode, new Date())
  const row = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'episode.closing_outcomes_form',
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      detail: { personId: episode.person_id },
    })
    return findClosingOutcomes(trx, episode.id)
  })
  const saved = answersOf(row)
  const values =
    state.values ?? Object.fromEntries(closingOutcomeItems.map((i) => [i.name, saved[i.name] ?? NOT_ASKED]))
  return reply.code(editable.ok ? status : 409).view(view, {
    title: request.t('episodes.closingOutcomes.editTitle'),
    episode,
    editable,
    editDays: OUTCOMES_EDIT_DAYS,
    outcomeItems: closingOutcomeItems,
    values,
    errors: summaryErrors(request.t, state.errors),
  })
}

export async function closingOutcomeRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/episodes/:id/closing-outcomes', { config: { action: 'episodes.manage' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.manage')
    return renderPage(app, request, reply, episode, { values: null, errors: [] })
  })

  app.post('/episodes/:id/closing-outcomes', { config: { action: 'episodes.manage' } }, async (request, reply) => {
    const episode = await loadEpisodeFor(app, request, 'episodes.manage')
    const { values, errors } = validateClosingOutcomes(body(request))
    if (errors.length > 0) return renderPage(app, request, reply, episode, { values, errors }, 400)
    const outcome = await save(app, request, episode, body(request), false)
    if (!outcome.ok) return renderPage(app, request, reply, episode, { values, errors: [] })
    return reply.redirect(`/people/${episode.person_id}?episode=outcomes#episode`, 303)
  })

  const read = (request: FastifyRequest, episode: EpisodeRow) =>
    db.transaction().execute(async (trx) => {
      const row = await findClosingOutcomes(trx, episode.id)
      await audit(trx, auditContext(request), {
        action: 'episode.closing_outcomes_view',
        recordType: 'episode',
        recordId: episode.id,
        organisationId: episode.organisation_id,
        detail: { personId: episode.person_id },
      })
      return closingOutcomesJson(episode, row)
    })

  app.get(
    '/api/v1/episodes/:id/closing-outcomes',
    {
      config: { action: 'episodes.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'What the person says changed, recorded at closing (Core Data Set #1, #74, #79, #89, #63, #62, #110, #12, #33)',
        params: idParams,
        response: { 200: closingOutcomesSchema, ...problems },
      },
    },
    async (request) => {
      const episode = await loadEpisodeFor(app, request, 'episodes.view', 'not_found')
      return read(request, episode)
    },
  )

  app.put(
    '/api/v1/episodes/:id/closing-outcomes',
    {
      config: { action: 'episodes.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record or correct what the person says changed, on a closed episode, up to 30 days after closing',
        description:
          'Replaces every answer: a question left out is "not asked". 422 `validation_failed` for an unknown question or code; 409 `episode_open` while the episode is open, `outcomes_locked` 30 days after it closed. Nothing is written then.',
        params: idParams,
        body: outcomeAnswersSchema,
        response: { 200: closingOutcomesSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisodeFor(app, request, 'episodes.manage', 'not_found')
      const raw = request.body
      const { errors } = validateClosingOutcomes(raw, { strict: true })
      if (errors.length > 0 || raw === null || typeof raw !== 'object')
        return sendProblem(request, reply, 422, 'validation_failed', request.t('episodes.closingOutcomes.api.invalid'), {
          errors: apiErrors(request.t, errors.length > 0 ? errors : [{ field: 'outcomes', key: 'episodes.closingOutcomes.errors.notAnObject' }]),
        })
      const outcome = await save(app, request, episode, raw as Body, true)
      if (!outcome.ok)
        return sendProblem(request, reply, 409, outcome.problem, request.t(`episodes.closingOutcomes.${outcome.problem}`))
      return read(request, episode)
    },
  )
}
