import type { FastifyInstance, FastifyRequest } from 'fastify'
import { auditedList } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, queryValue } from '../admin/fields.js'
import { themeCodes } from '../directory/matching/themes.js'
import { loadGuardedPerson } from '../person-record/access.js'
import { todayInWales } from '../what-matters/dates.js'
import { readSummary, recordOwnWords, sendSurvey, surveyUrl } from './record.js'
import { ownWordsOf, type OwnWordsRow } from './repository.js'
import { WORDS_LIMIT } from './rules.js'
import { ownWordsOccasions } from './schema.js'
import { periodOf } from './summary.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

const tags = ['The person’s voice']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const

const ownWordsSchema = {
  type: 'object',
  properties: {
    id: uuid,
    episodeId: { type: ['string', 'null'], format: 'uuid' },
    saidOn: { type: 'string', format: 'date' },
    words: { type: 'string' },
    theme: { type: ['string', 'null'], description: 'A What Matters theme code' },
    occasion: { type: 'string', enum: [...ownWordsOccasions] },
    recordedBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'saidOn', 'words', 'occasion'],
} as const

const ownWordsJson = (w: OwnWordsRow) => ({
  id: w.id,
  episodeId: w.episode_id,
  saidOn: w.said_on,
  words: w.words,
  theme: w.theme,
  occasion: w.occasion,
  recordedBy: w.recorded_by_name,
  createdAt: w.created_at.toISOString(),
})

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const
const questionSummary = {
  type: 'object',
  properties: {
    counts,
    answered: { type: 'integer' },
    percentSatisfied: { type: ['integer', 'null'], description: 'Share at 4 or 5 of those answering on the scale' },
  },
} as const

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** The person's voice as JSON (issue 6 §5). */
export async function experienceApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id/outcomes-in-own-words',
    {
      config: { action: 'experience.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'What the person says has changed for them, in their own words (CDS #97), the newest first',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { outcomes: { type: 'array', items: ownWordsSchema } },
            required: ['outcomes'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadGuardedPerson(app, request, 'experience.view', 'own_words.view', 'not_found')
      const event = { action: 'own_words.view', recordType: 'person', recordId: person.id, organisationId: person.organisation_id }
      const rows = await auditedList(db, auditContext(request), event, (trx) => ownWordsOf(trx, person.id), 'outcomes')
      return { outcomes: rows.map(ownWordsJson) }
    },
  )

  app.post(
    '/api/v1/people/:id/outcomes-in-own-words',
    {
      config: { action: 'experience.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record what the person says has changed for them (CDS #97)',
        description:
          'Stored against the person’s open episode, or else their latest. 422 `validation_failed` (empty words, a future date, an unknown theme or occasion).',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            saidOn: { type: 'string', format: 'date', description: 'Not in the future' },
            words: { type: 'string', maxLength: WORDS_LIMIT },
            theme: { type: 'string', enum: [...themeCodes] },
            occasion: { type: 'string', enum: [...ownWordsOccasions] },
          },
          required: ['saidOn', 'words', 'occasion'],
        },
        response: { 201: ownWordsSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadGuardedPerson(app, request, 'experience.record', 'own_words.record', 'not_found')
      const outcome = await recordOwnWords(app, request, person, bodyOf(request))
      if (!outcome.ok)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('experience.api.invalid'), {
          errors: apiErrors(request.t, outcome.errors),
        })
      const row = (await ownWordsOf(db, person.id)).find((w) => w.id === outcome.id)
      return reply.code(201).send(row ? ownWordsJson(row) : { id: outcome.id })
    },
  )

  app.post(
    '/api/v1/people/:id/experience-surveys',
    {
      config: { action: 'experience.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Send the experience survey for one of the person’s closed episodes; the link is returned once',
        description:
          'Creates the episode’s one invitation and a single-use link (14 days, in the person’s language). The `url` is in this response only: it is neither stored nor shown again. 404 `episode_not_found`; 409 `episode_open`, or `already_replied` once the person has answered; sending again before that gives a new link and withdraws the previous one.',
        params: idParams,
        body: { type: 'object', properties: { episodeId: uuid }, required: ['episodeId'] },
        response: {
          201: {
            type: 'object',
            properties: {
              invitationId: uuid,
              url: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
              language: { type: 'string', enum: ['cy', 'en'] },
            },
            required: ['invitationId', 'url', 'expiresAt', 'language'],
          },
          409: problemSchema,
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const person = await loadGuardedPerson(app, request, 'experience.record', 'experience_survey.send', 'not_found')
      const outcome = await sendSurvey(app, request, person, bodyOf(request).episodeId)
      if (!outcome.ok)
        return sendProblem(
          request,
          reply,
          outcome.problem === 'episode_not_found' ? 404 : 409,
          outcome.problem,
          request.t(`experience.sent.problems.${outcome.problem}`),
        )
      showsSecretOnce(reply)
      return reply.code(201).send({
        invitationId: outcome.invitationId,
        url: surveyUrl(request, outcome.token),
        expiresAt: outcome.expiresAt.toISOString(),
        language: person.language === 'cy' ? 'cy' : 'en',
      })
    },
  )

  app.get(
    '/api/v1/experience/summary',
    {
      config: { action: 'experience.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'The experience survey’s results for the user’s organisation over whole months',
        description:
          '`from` and `to` are months (`YYYY-MM`, or a date whose month is taken); by default the twelve months to this one. Comments are those of named replies only. 422 `invalid_period`.',
        querystring: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: 'string', format: 'date' },
              to: { type: 'string', format: 'date' },
              replies: { type: 'integer' },
              anonymousReplies: { type: 'integer' },
              questions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    cds: { type: 'array', items: { type: 'integer' } },
                    summary: questionSummary,
                  },
                },
              },
              barriers: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { name: { type: 'string' }, answered: { type: 'integer' }, counts },
                },
              },
              services: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { serviceId: uuid, name: { type: 'string' }, summary: questionSummary },
                },
              },
              comments: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { month: { type: 'string', format: 'date' }, text: { type: 'string' } },
                },
              },
              anonymousComments: { type: 'integer' },
            },
            required: ['from', 'to', 'replies', 'questions', 'barriers', 'services', 'comments'],
          },
          422: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const from = queryValue(query.from)
      const to = queryValue(query.to)
      const period = periodOf({ from: from || undefined, to: to || undefined }, todayInWales(new Date()))
      if (!period.ok)
        return sendProblem(request, reply, 422, 'invalid_period', request.t(period.key), {
          errors: [{ field: period.field, message: request.t(period.key) }],
        })
      return { from: period.from, to: period.to, ...(await readSummary(app, request, period)) }
    },
  )
}
