import { attribute, type OrukObject, organization, serviceBasic } from './serialise.js'
import { attributesFor, serviceCondition } from './repository.js'
import { type Db, pageByName, type Paging } from './rows.js'

/* Organisations for the Open Referral UK API: any organisation, with only its visible services. */

export async function listOrganisations(
  db: Db,
  search: string | undefined,
  paging: Paging,
): Promise<{ total: number; contents: OrukObject[] }> {
  const { total, rows } = await pageByName(db, 'directory_organisations', search, paging)
  return { total, contents: rows.map(organization) }
}

/** An organisation with its visible services (one-to-one fields) and its attributes. */
export async function findOrganisation(db: Db, id: string): Promise<OrukObject | undefined> {
  const row = await db.selectFrom('directory_organisations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const [services, attributes] = await Promise.all([
    db
      .selectFrom('services')
      .selectAll('services')
      .where(serviceCondition({ organizationId: id }))
      .orderBy('services.name')
      .orderBy('services.id')
      .execute(),
    attributesFor(db, [id], ['organization', 'organizations']),
  ])
  return {
    ...organization(row),
    services: services.map(serviceBasic),
    attributes: (attributes.get(id) ?? []).map(attribute),
  }
}
