import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentOnly, problemResponse } from '../../../platform/http/api.js'
import { sendProblem } from '../../../platform/http/problems.js'
import { apiErrors, type FieldError } from '../../admin/fields.js'
import { accessibilityFeatures, attendingTypes, capacityStatuses, howToAccess, lifeStages, proposalStatuses, serviceStatuses, welshProvision } from '../schema.js'
import { weekDays } from '../search/query.js'
import { approve, type Outcome, propose, reject, saveEntry, serviceFor, updateLive, verifyEntry } from './operations.js'
import type { Editable } from './repository.js'
import { pendingProposals } from './repository.js'
import { DESCRIPTION_MAX, NAME_MAX, REASON_MAX, WAITING_WEEKS_MAX } from './rules.js'

const tags = ['Directory editing']
const nullableString = (maxLength?: number) => ({ type: ['string', 'null'], ...(maxLength ? { maxLength } : {}) })
const nullableEnum = (values: readonly string[]) => ({ type: ['string', 'null'], enum: [...values, null] })
const nullableBoolean = { type: ['boolean', 'null'] }

const schedulesSchema = {
  type: 'array',
  maxItems: 5,
  description: 'Weekly sessions; replaces the weekly timetable',
  items: { type: 'object', properties: { day: { type: 'string', enum: [...weekDays] }, opens: { type: 'string', example: '10:00' }, closes: { type: 'string', example: '12:00' } }, required: ['day', 'opens', 'closes'] },
}

const contactProperties = { email: nullableString(254), phone: nullableString(40), website: nullableString(500) }

const texts = { name: nullableString(NAME_MAX), nameCy: nullableString(NAME_MAX), description: nullableString(DESCRIPTION_MAX), descriptionCy: nullableString(DESCRIPTION_MAX) }

const serviceBody = {
  type: 'object',
  description: 'A whole entry. At least one of name and nameCy. Fields left out are cleared (PUT replaces the entry).',
  properties: {
    ...texts,
    directoryOrganisationId: { type: 'string', format: 'uuid' },
    categories: { type: 'array', items: { type: 'string' }, description: 'Codes of the Cyswllt social prescribing taxonomy, e.g. green' },
    howToAccess: nullableEnum(howToAccess),
    capacityStatus: nullableEnum(capacityStatuses),
    waitingListWeeks: { type: ['integer', 'null'], minimum: 0, maximum: WAITING_WEEKS_MAX, description: 'Kept only with capacityStatus waiting_list' },
    welshProvision: nullableEnum(welshProvision),
    lifeStages: { type: 'array', items: { type: 'string', enum: [...lifeStages] } },
    accessibilityFeatures: { type: 'array', items: { type: 'string', enum: [...accessibilityFeatures] } },
    attendingTypes: { type: 'array', items: { type: 'string', enum: [...attendingTypes] } },
    minimumAge: { type: ['integer', 'null'], minimum: 0, maximum: 120 },
    maximumAge: { type: ['integer', 'null'], minimum: 0, maximum: 120 },
    freeOrLowCost: nullableBoolean,
    safeguardingPolicy: nullableBoolean,
    dbsChecks: nullableBoolean,
    schedules: schedulesSchema,
    ...contactProperties,
    address1: nullableString(200),
    city: nullableString(100),
    postcode: { type: ['string', 'null'], description: 'Coordinates come from the postcode unless latitude and longitude are given' },
    latitude: { type: ['number', 'null'], minimum: -90, maximum: 90 },
    longitude: { type: ['number', 'null'], minimum: -180, maximum: 180 },
    published: { type: 'boolean', default: true },
    status: { type: 'string', enum: [...serviceStatuses], default: 'active' },
  },
  required: ['directoryOrganisationId'],
}

const liveBody = {
  type: 'object',
  properties: { capacityStatus: { type: 'string', enum: [...capacityStatuses] }, waitingListWeeks: { type: ['integer', 'null'], minimum: 0, maximum: WAITING_WEEKS_MAX }, schedules: schedulesSchema, ...contactProperties },
  required: ['capacityStatus'],
}

const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] }
const idResponse = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] }
const problems = { 403: problemResponse('Not your organisation’s service, or not a directory editor'), 404: problemResponse('No such service or proposal') }
const invalid = { 400: problemResponse('Some fields are not valid: see errors; nothing was written') }

const proposalSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    serviceId: { type: 'string', format: 'uuid' },
    organisationId: { type: 'string', format: 'uuid' },
    organisation: { type: 'string' },
    status: { type: 'string', enum: [...proposalStatuses] },
    proposed: { type: 'object', properties: texts },
    current: { type: 'object', properties: texts },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'serviceId', 'status', 'proposed', 'current', 'createdAt'],
}

/** An entry in the shape PUT takes, so a client can read, change and send it back. */
function entryJson(found: Editable) {
  const s = found.service
  const location = found.location?.address_1 ? found.location : null
  return {
    id: s.id,
    name: s.name || null,
    nameCy: s.name_cy,
    description: s.description,
    descriptionCy: s.description_cy,
    directoryOrganisationId: s.directory_organisation_id,
    categories: found.categories,
    howToAccess: s.how_to_access,
    capacityStatus: s.capacity_status,
    waitingListWeeks: s.waiting_list_weeks,
    welshProvision: s.welsh_provision,
    lifeStages: s.life_stages,
    accessibilityFeatures: s.accessibility_features,
    attendingTypes: s.attending_types,
    minimumAge: s.minimum_age === null ? null : Number(s.minimum_age),
    maximumAge: s.maximum_age === null ? null : Number(s.maximum_age),
    freeOrLowCost: s.free_or_low_cost,
    safeguardingPolicy: s.safeguarding_policy,
    dbsChecks: s.dbs_checks,
    schedules: found.schedules,
    email: s.email,
    phone: found.phone,
    website: s.url,
    address1: location?.address_1 ?? null,
    city: location?.city ?? null,
    postcode: location?.postal_code ?? null,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    published: s.published,
    status: s.status,
    lastVerifiedAt: s.last_verified_at ? new Date(s.last_verified_at).toISOString() : null,
    capacityConfirmedAt: s.capacity_confirmed_at ? new Date(s.capacity_confirmed_at).toISOString() : null,
  }
}

const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    ...serviceBody.properties,
    directoryOrganisationId: { type: ['string', 'null'], format: 'uuid' },
    lastVerifiedAt: { type: ['string', 'null'], format: 'date-time' },
    capacityConfirmedAt: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['id', 'categories', 'schedules', 'published', 'status'],
}

const raw = (request: FastifyRequest) => (request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {})
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id

/** The directory editing operations as JSON (issue 4 §4): the same rules, access checks and audit as the pages. */
export async function manageApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const sendInvalid = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) =>
    sendProblem(request, reply, 400, 'validation_failed', request.t('directory.manage.api.invalid'), { errors: apiErrors(request.t, errors) })
  const answer = (request: FastifyRequest, reply: FastifyReply, result: Outcome | 'decided', status = 200) => {
    if (result === 'decided') return sendProblem(request, reply, 409, 'already_decided', request.t('directory.manage.api.decided'))
    if (!result.ok) return sendInvalid(request, reply, result.errors)
    return reply.code(status).send({ id: result.id })
  }

  app.post(
    '/api/v1/directory/services',
    { config: { action: 'directory.manage' }, ...documentOnly, schema: { tags, summary: 'Create a directory entry (directory editors)', body: serviceBody, response: { 201: idResponse, ...invalid, ...problems } } },
    async (request, reply) => {
      const result = await saveEntry(db, request, null, raw(request))
      if (result.ok) reply.header('location', `/directory/services/${result.id}`)
      return answer(request, reply, result, 201)
    },
  )

  app.get(
    '/api/v1/directory/services/:id',
    { config: { action: 'directory.manage' }, ...documentOnly, schema: { tags, summary: 'One directory entry as PUT takes it (directory editors)', description: 'Published or not, in any status.', params: idParams, response: { 200: entrySchema, ...problems } } },
    async (request) => entryJson(await serviceFor(db, request, idOf(request), 'directory.manage')),
  )

  app.put(
    '/api/v1/directory/services/:id',
    { config: { action: 'directory.manage' }, ...documentOnly, schema: { tags, summary: 'Replace a directory entry (directory editors)', params: idParams, body: serviceBody, response: { 200: idResponse, ...invalid, ...problems } } },
    async (request, reply) => answer(request, reply, await saveEntry(db, request, idOf(request), raw(request))),
  )

  app.post(
    '/api/v1/directory/services/:id/verify',
    { config: { action: 'directory.manage' }, ...documentOnly, schema: { tags, summary: 'Mark an entry as verified now', params: idParams, response: { 200: idResponse, ...problems } } },
    async (request) => {
      await verifyEntry(db, request, idOf(request))
      return { id: idOf(request) }
    },
  )

  app.put(
    '/api/v1/directory/services/:id/capacity',
    {
      config: { action: 'directory.services.update_own' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Update capacity, weekly timetable and contact of your own service (asset organisations)',
        description: 'Live at once; confirms the capacity now. Only for services of directory organisations your organisation manages (403 otherwise).',
        params: idParams,
        body: liveBody,
        response: { 200: idResponse, ...invalid, ...problems },
      },
    },
    async (request, reply) => answer(request, reply, await updateLive(db, request, idOf(request), raw(request))),
  )

  app.post(
    '/api/v1/directory/services/:id/proposals',
    {
      config: { action: 'directory.services.update_own' },
      ...documentOnly,
      schema: { tags, summary: 'Propose a new name and description for your own service (asset organisations)', description: 'The whole proposed text in both languages; an editor approves or rejects it.', params: idParams, body: { type: 'object', properties: texts }, response: { 201: idResponse, ...invalid, ...problems } },
    },
    async (request, reply) => answer(request, reply, await propose(db, request, idOf(request), raw(request)), 201),
  )

  app.get(
    '/api/v1/directory/proposals',
    { config: { action: 'directory.proposals.review' }, ...documentOnly, schema: { tags, summary: 'Proposed changes waiting for a decision, oldest first', response: { 200: { type: 'object', properties: { proposals: { type: 'array', items: proposalSchema } }, required: ['proposals'] }, ...problems } } },
    async () => {
      const rows = await pendingProposals(db)
      return {
        proposals: rows.map((p) => ({
          id: p.id,
          serviceId: p.service_id,
          organisationId: p.organisation_id,
          organisation: p.organisation_name,
          status: p.status,
          proposed: { name: p.name, nameCy: p.name_cy, description: p.description, descriptionCy: p.description_cy },
          current: { name: p.current_name || null, nameCy: p.current_name_cy, description: p.current_description, descriptionCy: p.current_description_cy },
          createdAt: new Date(p.created_at).toISOString(),
        })),
      }
    },
  )

  app.post(
    '/api/v1/directory/proposals/:id/approve',
    { config: { action: 'directory.proposals.review' }, ...documentOnly, schema: { tags, summary: 'Approve a proposal: the change is applied at once', params: idParams, response: { 200: idResponse, 409: problemResponse('Already approved or rejected'), ...problems } } },
    async (request, reply) => answer(request, reply, await approve(db, request, idOf(request))),
  )

  app.post(
    '/api/v1/directory/proposals/:id/reject',
    {
      config: { action: 'directory.proposals.review' },
      ...documentOnly,
      schema: { tags, summary: 'Reject a proposal with a reason the organisation sees', params: idParams, body: { type: 'object', properties: { reason: { type: 'string', maxLength: REASON_MAX } }, required: ['reason'] }, response: { 200: idResponse, 409: problemResponse('Already approved or rejected'), ...invalid, ...problems } },
    },
    async (request, reply) => answer(request, reply, await reject(db, request, idOf(request), raw(request))),
  )
}
