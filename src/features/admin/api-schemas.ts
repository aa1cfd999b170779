import { organisationTypes, roles } from '../../platform/db/schema.js'
import { problemSchema } from '../../platform/http/api.js'

/*
 * JSON schemas of the admin API. They document the API (OpenAPI) and shape the responses; request bodies and
 * queries are checked by the same pure validators as the pages (see `documentOnly`), so the rules are one set and
 * the messages come in the caller's language.
 */

const uuid = { type: 'string', format: 'uuid' } as const
const dateTime = { type: 'string', format: 'date-time' } as const
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const


export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
} as const

export const organisationSchema = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string', description: 'Name in English' },
    nameCy: { type: ['string', 'null'], description: 'Name in Welsh, if it has one' },
    type: { type: 'string', enum: [...organisationTypes] },
    localAuthorities: { type: 'array', items: { type: 'string' }, description: 'GSS codes (W06…) of the local authorities covered' },
    userCount: { type: 'integer' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: ['id', 'name', 'nameCy', 'type', 'localAuthorities', 'userCount', 'createdAt', 'updatedAt'],
} as const

export const organisationBodySchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 200 },
    nameCy: { type: ['string', 'null'], maxLength: 200 },
    type: { type: 'string', enum: [...organisationTypes] },
    localAuthorities: { type: 'array', items: { type: 'string', pattern: '^W06[0-9]{6}$' }, uniqueItems: true },
  },
  required: ['name', 'type'],
} as const

export const userSchema = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    organisationId: uuid,
    teamId: { type: ['string', 'null'], format: 'uuid', description: "One of the organisation's teams, or null" },
    roles: { type: 'array', items: { type: 'string', enum: [...roles] } },
    active: { type: 'boolean' },
    locked: { type: 'boolean', description: 'Locked after too many wrong passwords' },
    lastSignInAt: nullableDateTime,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: ['id', 'name', 'email', 'organisationId', 'teamId', 'roles', 'active', 'locked', 'lastSignInAt', 'createdAt', 'updatedAt'],
} as const

export const createdUserSchema = {
  ...userSchema,
  properties: {
    ...userSchema.properties,
    generatedPassword: { type: 'string', description: 'Present only when no password was sent: the one Cyswllt chose, shown this once' },
  },
} as const

export const userBodySchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string', format: 'email', maxLength: 254 },
    organisationId: uuid,
    teamId: { type: ['string', 'null'], format: 'uuid', description: "One of the organisation's current teams; leave out or null for none" },
    roles: { type: 'array', items: { type: 'string', enum: [...roles] }, minItems: 1, uniqueItems: true },
    password: { type: 'string', minLength: 12, maxLength: 256, description: 'Leave out to have Cyswllt choose one' },
  },
  required: ['name', 'email', 'organisationId', 'roles'],
} as const

export const idParamsSchema = { type: 'object', properties: { id: uuid }, required: ['id'] } as const

/** Route option: keep the schemas for the OpenAPI document and leave the checking to the shared validators. */
export { documentOnly } from '../../platform/http/api.js'
