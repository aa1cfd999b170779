import { problemSchema } from '../../platform/http/api.js'
import { barrierCodes, notActingReasonCodes } from './barriers.js'
import { MAX_DISTANCE_KM, NOTE_LIMIT, needToKnowFields, REASON_LIMIT } from './forms.js'
import { connectionKinds, connectionStatuses, signpostFormats, travelModes } from './schema.js'

/** JSON schemas of the connections API (OpenAPI); bodies are checked by the same pure validators as the pages. */
const uuid = { type: 'string', format: 'uuid' } as const
const dateTime = { type: 'string', format: 'date-time' } as const

export const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const

export const needToKnowSchema = {
  type: 'object',
  description:
    'Exactly the fields the practitioner chose to share, with their values when the referral was made. Lists of codes are comma-separated.',
  properties: Object.fromEntries(needToKnowFields.map((f) => [f, { type: 'string' }])),
  additionalProperties: false,
} as const

export const connectBodySchema = {
  type: 'object',
  properties: {
    serviceId: { ...uuid, description: 'An active, published service in the directory' },
    kind: { type: 'string', enum: [...connectionKinds] },
    fields: {
      type: 'array',
      items: { type: 'string', enum: [...needToKnowFields] },
      uniqueItems: true,
      description: 'referral: the need-to-know fields to share; at least one. Nothing is shared by default.',
    },
    note: {
      type: 'string',
      maxLength: NOTE_LIMIT,
      description: 'referral: a short note written for the asset, shared when fields include note',
    },
    signpostFormat: {
      type: 'string',
      enum: [...signpostFormats],
      description:
        'signpost: the format the information was given in; by default the person’s preferred format (large print when they need it, else email or text message when they prefer it, else a leaflet)',
    },
    signpostLanguage: {
      type: 'string',
      enum: ['cy', 'en'],
      description: 'signpost: the language it was given in; by default the person’s language',
    },
    travelMode: { type: 'string', enum: [...travelModes], description: 'How the person will travel there (CDS #18)' },
    distanceKm: {
      type: 'number',
      minimum: 0,
      maximum: MAX_DISTANCE_KM,
      description:
        'Used only when the distance cannot be worked out from the person’s postcode and the service’s location (CDS #17)',
    },
    suggestionId: {
      type: 'string',
      format: 'uuid',
      description: 'Act on this suggested connection (same service) instead of making a new one',
    },
  },
  required: ['serviceId', 'kind'],
} as const

const eventSchema = {
  type: 'object',
  properties: {
    from: { type: ['string', 'null'] },
    to: { type: 'string' },
    side: { type: 'string', enum: ['practitioner', 'asset'] },
    note: { type: ['string', 'null'] },
    barriers: { type: 'array', items: { type: 'string', enum: [...barrierCodes] }, description: 'CDS #80' },
    notActingReasons: {
      type: 'array',
      items: { type: 'string', enum: [...notActingReasonCodes] },
      description: 'CDS #55',
    },
    at: dateTime,
  },
  required: ['to', 'at'],
} as const

export const personConnectionSchema = {
  type: 'object',
  properties: {
    id: uuid,
    serviceName: { type: 'string' },
    kind: { type: ['string', 'null'], enum: [...connectionKinds, null], description: 'null while only suggested' },
    status: { type: 'string', enum: [...connectionStatuses] },
    needToKnow: needToKnowSchema,
    declineReason: { type: ['string', 'null'] },
    waitingWeeks: { type: ['integer', 'null'] },
    signpostFormat: { type: ['string', 'null'], enum: [...signpostFormats, null] },
    signpostLanguage: { type: ['string', 'null'], enum: ['cy', 'en', null] },
    travelMode: { type: ['string', 'null'], enum: [...travelModes, null] },
    travelDistanceKm: { type: ['number', 'null'] },
    travelDistanceSource: { type: ['string', 'null'], enum: ['computed', 'entered', null] },
    firstRespondedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'The asset’s first acceptance, decline or waiting list (CDS #104)',
    },
    firstAttendedAt: { type: ['string', 'null'], format: 'date-time' },
    daysToFirstResponse: { type: ['integer', 'null'], description: 'CDS #104' },
    daysToFirstAttendance: { type: ['integer', 'null'], description: 'CDS #46' },
    createdAt: dateTime,
    updatedAt: dateTime,
    events: { type: 'array', items: eventSchema },
  },
  required: ['id', 'kind', 'status', 'createdAt'],
} as const

export const assetConnectionSchema = {
  type: 'object',
  description:
    'A referral as the asset sees it: the need-to-know snapshot and the lifecycle, nothing else of the person.',
  properties: {
    id: uuid,
    serviceName: { type: 'string' },
    referredBy: { type: 'string', description: 'The social prescribing provider that made the referral' },
    status: { type: 'string', enum: [...connectionStatuses] },
    needToKnow: needToKnowSchema,
    declineReason: { type: ['string', 'null'] },
    waitingWeeks: { type: ['integer', 'null'] },
    nextStatuses: {
      type: 'array',
      items: { type: 'string', enum: [...connectionStatuses] },
      description: 'The statuses the asset may move it to now',
    },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: ['id', 'status', 'needToKnow', 'nextStatuses', 'createdAt'],
} as const

export const statusBodySchema = {
  type: 'object',
  properties: {
    status: {
      type: 'string',
      enum: [...connectionStatuses],
      description: 'The new status; docs/connections.md lists the moves an asset may make',
    },
    reason: { type: 'string', maxLength: REASON_LIMIT, description: 'declined: why (required)' },
    weeks: {
      type: 'integer',
      minimum: 1,
      maximum: 104,
      description: 'waitlisted: the expected wait in weeks (required)',
    },
    note: { type: 'string', maxLength: NOTE_LIMIT, description: 'A note for the practitioner' },
    barriers: {
      type: 'array',
      items: { type: 'string', enum: [...barrierCodes] },
      uniqueItems: true,
      description: 'CDS #80: only with did_not_attend, disengaged, withdrew or declined',
    },
    notActingReasons: {
      type: 'array',
      items: { type: 'string', enum: [...notActingReasonCodes] },
      uniqueItems: true,
      description: 'CDS #55: only with did_not_attend, disengaged, withdrew or declined',
    },
  },
  required: ['status'],
} as const

export const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const withStatus = {
  ...problemSchema,
  properties: {
    ...problemSchema.properties,
    currentStatus: { type: 'string', description: 'invalid_transition: the status the connection is in now' },
  },
} as const
export const invalid = { 400: withStatus, 409: problemSchema, 422: withStatus } as const
