import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { findOrganisation, type OrganisationRow } from '../admin/organisations-queries.js'

/** The organisation named in the URL, or 404; checked against the policy for that organisation. */
export async function loadOrganisation(app: FastifyInstance, request: FastifyRequest): Promise<OrganisationRow> {
  const id = (request.params as { id: string }).id
  const organisation = isUuid(id) ? await findOrganisation(app.deps.database.db, id) : undefined
  if (!organisation) throw notFound()
  if (!can(request.user, 'teams.manage', { organisationId: organisation.id })) throw forbidden()
  return organisation
}

