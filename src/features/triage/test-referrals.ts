import type { FastifyInstance } from 'fastify'
import { randomBytes } from 'node:crypto'
import { validateReferral } from '../referrals/referral-input.js'
import { insertReferral, locate } from '../referrals/repository.js'

/*
 * Test support for the triage and person-record tests: referrals written as the referral forms would write
 * them (validateReferral + locate + insertReferral), to the Cardiff or the Gwynedd provider of the demo data.
 */
const providers = {
  cardiff: { name: 'Cardiff and Vale Community Connectors', postcode: 'CF10 1AA', localAuthorityCode: 'W06000015' },
  gwynedd: { name: 'Gwynedd Community Link', postcode: 'LL57 1AA', localAuthorityCode: 'W06000002' },
}

/** A name nobody else in the test database has, so duplicate checks only match on purpose. */
export function uniqueName(prefix = 'Person'): string {
  return `${prefix}${randomBytes(3).toString('hex')}`
}

export async function makeReferral(app: FastifyInstance, fields: Record<string, unknown> = {}, options: { provider?: keyof typeof providers; withReferrer?: boolean } = {}) {
  const db = app.deps.database.db
  const provider = providers[options.provider ?? 'cardiff']
  const raw = {
    givenName: uniqueName('Siân'),
    familyName: 'ap Llŷr',
    dateOfBirth: '1960-04-12',
    postcode: provider.postcode,
    localAuthorityCode: provider.localAuthorityCode,
    contactMethods: ['phone'],
    phone: '029 2000 0000',
    reasons: ['loneliness_isolation'],
    route: 'primary_care',
    personAgreed: 'yes',
    shareOutcomeWithReferrer: 'yes',
    referrerName: 'Dr Owen',
    referrerRole: 'GP',
    referrerContact: 'owen@example.org',
    ...fields,
  }
  const input = validateReferral(raw, 'professional', new Date())
  if (input.errors.length > 0) throw new Error(`test referral is not valid: ${JSON.stringify(input.errors)}`)
  const place = await locate(db, input.person.postcode, input.person.localAuthorityCode)
  const organisation = await db.selectFrom('organisations').select('id').where('name', '=', provider.name).executeTakeFirstOrThrow()
  const referrer = options.withReferrer === false ? null : await db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', 'referrer@demo.cyswllt.test').executeTakeFirstOrThrow()
  const written = await db.transaction().execute((trx) =>
    insertReferral(trx, {
      ...input,
      place,
      organisationId: organisation.id,
      channel: 'professional_form',
      referrerUserId: referrer?.id ?? null,
      referrerOrganisationId: referrer?.organisation_id ?? null,
      consentMethod: 'via_referrer',
    }),
  )
  return { ...written, organisationId: organisation.id, givenName: raw.givenName as string }
}

export async function userId(app: FastifyInstance, who: string): Promise<string> {
  const row = await app.deps.database.db.selectFrom('users').select('id').where('email', '=', `${who}@demo.cyswllt.test`).executeTakeFirstOrThrow()
  return row.id
}
