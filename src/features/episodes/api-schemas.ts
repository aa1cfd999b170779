import { problemSchema } from '../../platform/http/api.js'
import { closingOutcomesSchema, outcomeAnswersSchema } from './closing-outcomes-api-schemas.js'
import { SUMMARY_LIMIT, TRANSFER_REASON_LIMIT, transferConsentMethods } from './rules.js'
import { closingReasons, episodeEventKinds, levelsOfSupport } from './schema.js'

/** JSON schemas of the episodes API (OpenAPI); bodies are checked by the same pure validators as the pages. */
const uuid = { type: 'string', format: 'uuid' } as const
const dateTime = { type: 'string', format: 'date-time' } as const
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] })

export const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const

const eventSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: [...episodeEventKinds] },
    levelOfSupport: { type: ['string', 'null'] },
    previousLevel: { type: ['string', 'null'] },
    closingReason: { type: ['string', 'null'] },
    at: dateTime,
  },
  required: ['kind', 'at'],
} as const

export const episodeSchema = {
  type: 'object',
  properties: {
    id: uuid,
    personId: uuid,
    referralId: uuid,
    referralReference: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    startedAt: dateTime,
    endedAt: { type: ['string', 'null'], format: 'date-time' },
    referralReceivedAt: dateTime,
    practitioner: { type: ['string', 'null'] },
    levelOfSupport: {
      type: ['string', 'null'],
      enum: [...levelsOfSupport, null],
      description: 'CDS #21, #22, #30, #107; null until chosen',
    },
    closing: nullable({
      type: 'object',
      properties: {
        reason: { type: 'string', enum: [...closingReasons] },
        summary: { type: ['string', 'null'] },
        closedBy: { type: ['string', 'null'] },
        feedbackSentAt: {
          type: ['string', 'null'],
          format: 'date-time',
          description: 'When the outcome and summary were sent to the referrer (CF 3.1)',
        },
        transferredTo: nullable({
          type: 'object',
          properties: {
            organisationId: uuid,
            name: { type: ['string', 'null'] },
            referralId: { type: ['string', 'null'] },
          },
        }),
      },
    }),
    daysAtLevel: {
      type: 'object',
      description:
        'Whole days spent at each level of support so far, from the level history (to the end, or now while open)',
      properties: Object.fromEntries(levelsOfSupport.map((l) => [l, { type: 'integer', minimum: 0 }])),
    },
    closingOutcomes: nullable({
      ...closingOutcomesSchema,
      description: 'What the person says changed (docs/closing-outcomes.md); null while the episode is open',
    }),
    events: {
      type: 'array',
      items: eventSchema,
      description: 'Level set or changed, closed, feedback sent, transferred; oldest first',
    },
  },
  required: ['id', 'personId', 'status', 'startedAt', 'levelOfSupport', 'events'],
} as const

export const levelBodySchema = {
  type: 'object',
  properties: { levelOfSupport: { type: 'string', enum: [...levelsOfSupport] } },
  required: ['levelOfSupport'],
} as const

export const closeBodySchema = {
  type: 'object',
  properties: {
    reason: { type: 'string', enum: [...closingReasons] },
    summary: { type: 'string', maxLength: SUMMARY_LIMIT },
    sendFeedback: {
      type: 'boolean',
      description:
        'Send the outcome and summary to the referrer: only for a professional referrer, with the person’s consent to share with the referrer in force (409 `consent_missing` or `no_referrer` otherwise)',
    },
    outcomes: outcomeAnswersSchema,
  },
  required: ['reason', 'summary'],
} as const

export const transferBodySchema = {
  type: 'object',
  properties: {
    organisationId: { ...uuid, description: 'Another social prescribing provider (organisation type provider)' },
    reason: { type: 'string', maxLength: TRANSFER_REASON_LIMIT },
    consented: { type: 'boolean', description: 'The person consented to the transfer: must be true' },
    consentMethod: { type: 'string', enum: [...transferConsentMethods] },
  },
  required: ['organisationId', 'reason', 'consented', 'consentMethod'],
} as const

export const transferResponseSchema = {
  type: 'object',
  properties: {
    episode: episodeSchema,
    transferredTo: {
      type: 'object',
      properties: { organisationId: uuid, referralId: uuid, reference: { type: 'string' } },
      required: ['organisationId', 'referralId', 'reference'],
    },
  },
  required: ['episode', 'transferredTo'],
} as const

export const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
export const invalid = { 409: problemSchema, 422: problemSchema } as const
