import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { problemSchema } from '../../platform/http/api.js'
import { forbidden, notFound, sendProblem } from '../../platform/http/problems.js'
import { documentOnly, idParamsSchema, organisationBodySchema, organisationSchema, problems } from './api-schemas.js'
import { apiErrors, type FieldError, isUuid, queryValue } from './fields.js'
import { isOrganisationType } from './organisation-form.js'
import { findOrganisation, listOrganisations, type OrganisationRow } from './organisations-queries.js'
import { saveOrganisation } from './organisations-save.js'

export function organisationJson(row: OrganisationRow) {
  return {
    id: row.id,
    name: row.name,
    nameCy: row.name_cy,
    type: row.type,
    localAuthorities: row.local_authorities,
    userCount: row.user_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** 400 `validation_failed` with every field's problem, worded in the request's language. */
export function sendValidationProblem(request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) {
  return sendProblem(request, reply, 400, 'validation_failed', request.t('errors.validation'), { errors: apiErrors(request.t, errors) })
}

/** 409 `conflict`: the record would clash with one that exists (same name, same e-mail). */
export function sendConflict(request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) {
  return sendProblem(request, reply, 409, 'conflict', request.t('admin.api.conflict'), { title: request.t('admin.api.conflictTitle'), errors: apiErrors(request.t, errors) })
}

const tags = ['Organisations']

export async function organisationsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/organisations',
    {
      config: { action: 'admin.organisations.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Organisations, by name',
        querystring: { type: 'object', properties: { type: { type: 'string', enum: organisationBodySchema.properties.type.enum } } },
        response: { 200: { type: 'object', properties: { organisations: { type: 'array', items: organisationSchema } }, required: ['organisations'] }, ...problems },
      },
    },
    async (request, reply) => {
      const type = queryValue((request.query as Record<string, unknown>).type)
      if (type && !isOrganisationType(type)) return sendValidationProblem(request, reply, [{ field: 'type', key: 'admin.organisations.errors.typeInvalid' }])
      const rows = await listOrganisations(db, isOrganisationType(type) ? { type } : {})
      return { organisations: rows.map(organisationJson) }
    },
  )

  app.post(
    '/api/v1/organisations',
    {
      config: { action: 'admin.organisations.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Add an organisation',
        body: organisationBodySchema,
        response: { 201: organisationSchema, ...problems, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}
      const result = await saveOrganisation(db, request, null, body)
      if (!result.ok) return result.conflict ? sendConflict(request, reply, result.errors) : sendValidationProblem(request, reply, result.errors)
      const created = (await findOrganisation(db, result.id)) as OrganisationRow
      return reply.code(201).header('location', `/api/v1/organisations/${created.id}`).send(organisationJson(created))
    },
  )

  app.get(
    '/api/v1/organisations/:id',
    {
      config: { action: 'admin.organisations.view' },
      ...documentOnly,
      schema: { tags, summary: 'One organisation', params: idParamsSchema, response: { 200: organisationSchema, ...problems, 404: problemSchema } },
    },
    async (request) => {
      const id = (request.params as { id: string }).id
      const organisation = isUuid(id) ? await findOrganisation(db, id) : undefined
      if (!organisation) throw notFound()
      if (!can(request.user, 'admin.organisations.view', { organisationId: organisation.id })) throw forbidden()
      return organisationJson(organisation)
    },
  )
}
