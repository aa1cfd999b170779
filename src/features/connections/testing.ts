import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { makeReferral, userId } from '../triage/test-referrals.js'

/*
 * Test support for connections and the asset portal: a person of the Cardiff provider with an open episode and
 * (unless told otherwise) consent to share with assets, a service managed by the demo asset organisation
 * (Aberystwyth Community Shed, user asset@) and a service managed by another asset organisation.
 */
export async function connectionFixture(app: FastifyInstance, options: { consent?: boolean | null; episode?: boolean } = {}) {
  const db = app.deps.database.db
  const referral = await makeReferral(app, { email: 'sian@example.org', communicationNeeds: ['large_print'], language: 'cy', welshOfferMade: 'yes' })
  const practitioner = await userId(app, 'practitioner')
  if (options.episode !== false) {
    await db.updateTable('referrals').set({ status: 'accepted', allocated_practitioner_id: practitioner }).where('id', '=', referral.referralId).execute()
    await db.insertInto('episodes').values({ person_id: referral.personId, referral_id: referral.referralId, organisation_id: referral.organisationId, practitioner_id: practitioner }).execute()
  }
  const consent = options.consent === undefined ? true : options.consent
  if (consent !== null) {
    await db.insertInto('consents').values({ person_id: referral.personId, organisation_id: referral.organisationId, scope: 'share_with_assets', given: consent, method: 'verbal', recorded_by: practitioner }).execute()
  }
  const shed = await db.selectFrom('organisations').select('id').where('name', '=', 'Aberystwyth Community Shed').executeTakeFirstOrThrow()
  const other = await db.insertInto('organisations').values({ name: `Other asset ${randomUUID().slice(0, 6)}`, type: 'asset' }).returning('id').executeTakeFirstOrThrow()
  const service = async (name: string, managedBy: string | null, status: 'active' | 'inactive' = 'active') => {
    const orgId = randomUUID()
    await db.insertInto('directory_organisations').values({ id: orgId, name: `${name} organisation`, managed_by_organisation_id: managedBy }).execute()
    const id = randomUUID()
    await db.insertInto('services').values({ id, directory_organisation_id: orgId, name, name_cy: `${name} (Cymraeg)`, status }).execute()
    return id
  }
  const tag = randomUUID().slice(0, 6)
  return {
    ...referral,
    practitioner,
    shedOrganisationId: shed.id,
    shedService: await service(`Men's Shed ${tag}`, shed.id),
    otherService: await service(`Walking group ${tag}`, other.id),
    closedService: await service(`Closed club ${tag}`, shed.id, 'inactive'),
  }
}
