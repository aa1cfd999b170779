import type { FastifyInstance } from 'fastify'
import { audit } from '../../../platform/audit/audit.js'
import { documentOnly, problemResponse, problemSchema } from '../../../platform/http/api.js'
import { auditContext } from '../../../platform/http/context.js'
import { notFound, sendProblem } from '../../../platform/http/problems.js'
import { apiErrors, isUuid } from '../../admin/fields.js'
import { guardRecord } from '../../person-record/access.js'
import { findPerson } from '../../person-record/person-queries.js'
import { capacityStatuses } from '../schema.js'
import { DEFAULT_LIMIT, DEFAULT_WITHIN_KM, MAX_LIMIT, MAX_WITHIN_KM, presentSuggestion, suggestionsFor } from './present.js'
import { parseSuggestionQuery } from './query.js'
import { themeCodes } from './themes.js'

const suggestionsSchema = {
  type: 'object',
  properties: {
    personId: { type: 'string', format: 'uuid' },
    withinKm: { type: 'integer' },
    themes: { type: 'array', items: { type: 'string', enum: [...themeCodes] }, description: 'What matters to the person; derived from referral reasons until What Matters is recorded' },
    accessNeeds: { type: 'array', items: { type: 'string' } },
    language: { type: 'string', enum: ['cy', 'en'] },
    located: { type: 'boolean', description: 'False when the postcode gives no place: distance then plays no part' },
    suggestions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string', description: 'In the language asked for when the service has it' },
          url: { type: 'string' },
          score: { type: 'number' },
          reasons: { type: 'array', items: { type: 'string' }, description: 'Why it was suggested, in the language asked for' },
          reasonsLine: { type: 'string', description: 'The reasons as one line: "reduce isolation; Welsh-medium; step-free; 2.3 km"' },
          full: { type: 'boolean', description: 'Full or with a waiting list: still suggested' },
          capacityStatus: { type: ['string', 'null'], enum: [...capacityStatuses, null] },
          waitingListWeeks: { type: ['integer', 'null'] },
          distanceMetres: { type: ['integer', 'null'] },
        },
        required: ['id', 'name', 'url', 'score', 'reasons', 'reasonsLine', 'full', 'capacityStatus', 'waitingListWeeks', 'distanceMetres'],
      },
    },
  },
  required: ['personId', 'withinKm', 'themes', 'accessNeeds', 'language', 'located', 'suggestions'],
} as const

/** Suggested services for a person (issue 4 item 7). */
export async function matchingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id/suggested-services',
    {
      config: { action: 'people.view' },
      ...documentOnly,
      schema: {
        tags: ['People'],
        summary: 'Community services suggested for a person, with the reasons (audited)',
        description: `For caseworkers of the organisation supporting the person. Active, published services that meet what matters to the person, ranked by themes met, Welsh-language provision for Welsh speakers, access needs met and nearness; full services are kept and marked. Scoring: docs/directory-matching.md. \`within\` is kilometres (1–${MAX_WITHIN_KM}, default ${DEFAULT_WITHIN_KM}); \`limit\` 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}). Another organisation's person is answered 404.`,
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        querystring: {
          type: 'object',
          properties: {
            within: { type: 'integer', minimum: 1, maximum: MAX_WITHIN_KM, default: DEFAULT_WITHIN_KM },
            limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
          },
        },
        response: { 200: suggestionsSchema, 400: problemResponse('within or limit is not valid: see errors'), 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const { withinKm, limit, errors } = parseSuggestionQuery((request.query ?? {}) as Record<string, unknown>)
      if (errors.length) {
        return sendProblem(request, reply, 400, 'validation_failed', request.t('directory.matching.api.invalid'), { errors: apiErrors(request.t, errors) })
      }
      const id = (request.params as { id: string }).id
      const person = isUuid(id) ? await findPerson(db, id) : undefined
      if (!person) throw notFound()
      await guardRecord(db, request, 'people.view', { recordType: 'person', recordId: person.id, organisationId: person.organisation_id, auditAction: 'person.suggested_services' }, 'not_found')
      const { needs, suggestions } = await db.transaction().execute(async (trx) => {
        await audit(trx, auditContext(request), { action: 'person.suggested_services', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { via: 'api', withinKm } })
        return suggestionsFor(trx, person, { withinKm, limit, database: app.deps.database })
      })
      return {
        personId: person.id,
        withinKm,
        themes: [...needs.themes],
        accessNeeds: [...needs.accessNeeds],
        language: needs.language,
        located: needs.located,
        suggestions: suggestions.map((s) => {
          const shown = presentSuggestion(s, request.lang, request.t)
          return {
            id: shown.id,
            name: shown.name,
            url: shown.href,
            score: shown.score,
            reasons: shown.reasons,
            reasonsLine: shown.reasonsLine,
            full: shown.full,
            capacityStatus: shown.capacityStatus,
            waitingListWeeks: shown.waitingListWeeks,
            distanceMetres: shown.metres,
          }
        }),
      }
    },
  )
}
