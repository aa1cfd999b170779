import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit, auditedList } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { themeCodes } from '../directory/matching/themes.js'
import { loadPerson, personIdOf } from './access.js'
import { changeConversation, type RecordOutcome, recordConversation } from './record.js'
import { type Conversation, conversationsOf, findConversation } from './repository.js'
import { compareWithReferral, needsCount, TEXT_LIMIT, TRAVEL_LIMIT, wellbeingDomains } from './rules.js'
import { groupPreferences, settingPreferences, timesOfDay, welshMediumPreferences } from './schema.js'

const tags = ['What Matters']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const nullableText = { type: ['string', 'null'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const invalid = { 409: problemSchema, 422: problemSchema } as const

export const conversationBodySchema = {
  type: 'object',
  properties: {
    heldOn: { type: 'string', format: 'date', description: 'When the conversation was held; not in the future' },
    completed: { type: 'boolean', description: 'CDS #122' },
    themes: {
      type: 'array',
      items: { type: 'string', enum: [...themeCodes] },
      uniqueItems: true,
      description: 'CDS #108; at least one (or ownWords) when completed',
    },
    ownWords: { type: 'string', maxLength: TEXT_LIMIT, description: 'What matters, in the person’s own words' },
    strengths: { type: 'string', maxLength: TEXT_LIMIT, description: 'Strengths and resources (CF 5.1)' },
    needsDomains: {
      type: 'array',
      items: { type: 'string', enum: [...wellbeingDomains] },
      uniqueItems: true,
      description: 'CDS #53: wellbeing domains with a need',
    },
    needsNote: { type: 'string', maxLength: TEXT_LIMIT },
    confirmedReasons: {
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
      description: 'CDS #125: the referral’s reasons the conversation confirmed (only the referral’s own)',
    },
    emergedIssues: { type: 'string', maxLength: TEXT_LIMIT, description: 'CDS #125: other issues that emerged' },
    settingPreference: { type: 'string', enum: [...settingPreferences], description: 'CDS #37' },
    groupPreference: { type: 'string', enum: [...groupPreferences] },
    welshMedium: { type: 'string', enum: [...welshMediumPreferences] },
    timesOfDay: { type: 'array', items: { type: 'string', enum: [...timesOfDay] }, uniqueItems: true },
    travel: { type: 'string', maxLength: TRAVEL_LIMIT },
  },
  required: ['heldOn', 'completed'],
} as const

export const conversationSchema = {
  type: 'object',
  properties: {
    id: uuid,
    personId: uuid,
    episodeId: uuid,
    heldOn: { type: 'string', format: 'date' },
    completed: { type: 'boolean' },
    themes: { type: 'array', items: { type: 'string' } },
    ownWords: nullableText,
    strengths: nullableText,
    needsDomains: { type: 'array', items: { type: 'string' } },
    needsCount: { type: 'integer', description: 'CDS #53, derived from needsDomains' },
    needsNote: nullableText,
    referralReasons: {
      type: 'array',
      items: { type: 'string' },
      description: 'The referral’s reasons when the conversation was recorded',
    },
    confirmedReasons: { type: 'array', items: { type: 'string' } },
    emergedIssues: nullableText,
    comparison: {
      type: 'object',
      description: 'CDS #125, derived',
      properties: {
        outcome: { type: 'string', enum: ['same', 'different'] },
        confirmed: { type: 'array', items: { type: 'string' } },
        notConfirmed: { type: 'array', items: { type: 'string' } },
        newThemes: { type: 'array', items: { type: 'string' } },
        otherIssues: { type: 'boolean' },
      },
    },
    settingPreference: nullableText,
    groupPreference: nullableText,
    welshMedium: nullableText,
    timesOfDay: { type: 'array', items: { type: 'string' } },
    travel: nullableText,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'heldOn', 'completed', 'themes', 'needsCount', 'comparison'],
} as const

export function conversationJson(c: Conversation) {
  return {
    id: c.id,
    personId: c.person_id,
    episodeId: c.episode_id,
    heldOn: c.held_on,
    completed: c.completed,
    themes: c.themes,
    ownWords: c.own_words,
    strengths: c.strengths,
    needsDomains: c.needs_domains,
    needsCount: needsCount(c.needs_domains),
    needsNote: c.needs_note,
    referralReasons: c.referral_reasons,
    confirmedReasons: c.confirmed_reasons,
    emergedIssues: c.emerged_issues,
    comparison: compareWithReferral(c.referral_reasons, c.confirmed_reasons, c.themes, c.emerged_issues),
    settingPreference: c.setting_preference,
    groupPreference: c.group_preference,
    welshMedium: c.welsh_medium,
    timesOfDay: c.times_of_day,
    travel: c.travel,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  }
}

interface Helpers {
  loadConversation: (
    app: FastifyInstance,
    request: FastifyRequest,
    action: 'what_matters.view' | 'what_matters.record',
    refusal?: 'forbidden' | 'not_found',
  ) => Promise<{ conversation: Conversation }>
  bodyOf: (request: FastifyRequest) => Record<string, unknown>
}

/** The conversation as JSON (issue 5 §12): list and record for a person, read and change one. */
export async function whatMattersApi(app: FastifyInstance, helpers: Helpers): Promise<void> {
  const db = app.deps.database.db
  const refuse = (
    request: FastifyRequest,
    reply: Parameters<typeof sendProblem>[1],
    outcome: Extract<RecordOutcome, { ok: false }>,
  ) =>
    outcome.problem === 'validation'
      ? sendProblem(request, reply, 422, 'validation_failed', request.t('whatMatters.api.invalid'), {
          errors: apiErrors(request.t, outcome.errors),
        })
      : sendProblem(
          request,
          reply,
          409,
          outcome.problem,
          request.t(outcome.errors[0]?.key ?? 'whatMatters.form.noEpisode'),
        )

  app.get(
    '/api/v1/people/:id/what-matters',
    {
      config: { action: 'what_matters.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'A person’s What Matters conversations, the latest held first',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { conversations: { type: 'array', items: conversationSchema } },
            required: ['conversations'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPerson(
        app,
        request,
        personIdOf(request),
        'what_matters.view',
        'what_matters.list',
        'not_found',
      )
      const event = { action: 'what_matters.list', recordType: 'person', recordId: person.id, organisationId: person.organisation_id }
      const rows = await auditedList(db, auditContext(request), event, (trx) => conversationsOf(trx, person.id))
      return { conversations: rows.map(conversationJson) }
    },
  )

  app.post(
    '/api/v1/people/:id/what-matters',
    {
      config: { action: 'what_matters.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record a What Matters conversation in the person’s open episode',
        description:
          '409 `no_open_episode` when the person has no open episode of support; 422 `validation_failed` with `errors` otherwise.',
        params: idParams,
        body: conversationBodySchema,
        response: { 201: conversationSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPerson(
        app,
        request,
        personIdOf(request),
        'what_matters.record',
        'what_matters.create',
        'not_found',
      )
      const outcome = await recordConversation(app, request, person, helpers.bodyOf(request))
      if (!outcome.ok) return refuse(request, reply, outcome)
      const created = await findConversation(db, outcome.id)
      return reply
        .code(201)
        .header('location', `/api/v1/what-matters/${outcome.id}`)
        .send(created ? conversationJson(created) : { id: outcome.id })
    },
  )

  app.get(
    '/api/v1/what-matters/:id',
    {
      config: { action: 'what_matters.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'One What Matters conversation',
        params: idParams,
        response: { 200: conversationSchema, ...problems },
      },
    },
    async (request) => {
      const { conversation: found } = await helpers.loadConversation(app, request, 'what_matters.view', 'not_found')
      const conversation = await db.transaction().execute(async (trx) => {
        await audit(trx, auditContext(request), {
          action: 'what_matters.view',
          recordType: 'what_matters_conversation',
          recordId: found.id,
          organisationId: found.organisation_id,
          detail: { personId: found.person_id },
        })
        return (await findConversation(trx, found.id)) ?? found
      })
      return conversationJson(conversation)
    },
  )

  app.put(
    '/api/v1/what-matters/:id',
    {
      config: { action: 'what_matters.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Change a What Matters conversation (the whole content is sent again)',
        description:
          '409 `episode_closed` once its episode of support is closed; 422 `validation_failed` with `errors`.',
        params: idParams,
        body: conversationBodySchema,
        response: { 200: conversationSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const { conversation } = await helpers.loadConversation(app, request, 'what_matters.record', 'not_found')
      const outcome = await changeConversation(app, request, conversation, helpers.bodyOf(request))
      if (!outcome.ok) return refuse(request, reply, outcome)
      const changed = await findConversation(db, conversation.id)
      return changed ? conversationJson(changed) : reply.code(404).send()
    },
  )
}
