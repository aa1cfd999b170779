import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { guardRecord } from './access.js'
import { consentHistory, consentScopes, statesFrom } from './consents.js'
import { personFacts } from './person-page.js'
import { findPerson, type PersonRow, referralsOf } from './person-queries.js'
import { choiceFields } from './person-form.js'

const text = { type: ['string', 'null'] } as const
const dateTime = { type: 'string', format: 'date-time' } as const
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const

const personSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    organisationId: { type: 'string', format: 'uuid' },
    givenName: { type: 'string', description: 'Exactly as given' },
    familyName: { type: 'string', description: 'Exactly as given' },
    dateOfBirth: { type: 'string', format: 'date' },
    age: { type: 'integer' },
    nhsNumber: { ...text, description: '10 digits, no spaces' },
    postcode: text,
    localAuthority: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' }, nameCy: { type: 'string' } }, required: ['code', 'name', 'nameCy'] },
    wimdDecile: { type: ['integer', 'null'] },
    phone: text,
    email: text,
    address: text,
    contactMethods: { type: 'array', items: { type: 'string' } },
    contactTimes: text,
    safeToLeaveMessage: { type: ['boolean', 'null'] },
    language: { type: 'string', enum: ['cy', 'en'] },
    welshOfferMade: { type: 'boolean' },
    communicationNeeds: { type: 'array', items: { type: 'string' } },
    interpreterLanguage: text,
    characteristics: {
      type: 'object',
      description: 'Codes from the census-based lists; null when not asked',
      properties: Object.fromEntries(choiceFields.map(([field]) => [field, text])),
    },
    guardian: {
      type: ['object', 'null'],
      properties: { name: text, relationship: text, contact: text, hasParentalResponsibility: { type: ['boolean', 'null'] } },
    },
    duplicateOf: { type: ['string', 'null'], format: 'uuid' },
    consents: {
      type: 'array',
      items: { type: 'object', properties: { scope: { type: 'string', enum: [...consentScopes] }, state: { type: 'string', enum: ['given', 'withdrawn', 'not_asked'] }, recordedAt: nullableDateTime }, required: ['scope', 'state', 'recordedAt'] },
    },
    referrals: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' }, reference: { type: 'string' }, status: { type: 'string' }, route: { type: 'string' }, receivedAt: dateTime, firstContactAt: nullableDateTime, triagedAt: nullableDateTime },
        required: ['id', 'reference', 'status', 'route', 'receivedAt', 'firstContactAt', 'triagedAt'],
      },
    },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: ['id', 'organisationId', 'givenName', 'familyName', 'dateOfBirth', 'age', 'language', 'consents', 'referrals'],
} as const

const iso = (value: Date | null) => (value ? value.toISOString() : null)

function personJson(person: PersonRow, extra: { consents: ReturnType<typeof statesFrom>; referrals: Awaited<ReturnType<typeof referralsOf>> }) {
  const facts = personFacts(person, 'en')
  return {
    id: person.id,
    organisationId: person.organisation_id,
    givenName: person.given_name,
    familyName: person.family_name,
    dateOfBirth: person.date_of_birth,
    age: facts.age,
    nhsNumber: person.nhs_number,
    postcode: person.postcode,
    localAuthority: person.local_authority_code ? { code: person.local_authority_code, name: person.la_name_en ?? '', nameCy: person.la_name_cy ?? '' } : null,
    wimdDecile: person.wimd_decile,
    phone: person.phone,
    email: person.email,
    address: person.address,
    contactMethods: person.contact_methods,
    contactTimes: person.contact_times,
    safeToLeaveMessage: person.safe_to_leave_message,
    language: person.language,
    welshOfferMade: person.welsh_offer_made,
    communicationNeeds: person.communication_needs,
    interpreterLanguage: person.interpreter_language,
    characteristics: Object.fromEntries(choiceFields.map(([field, column]) => [field, person[column]])),
    guardian:
      facts.child || person.guardian_name
        ? { name: person.guardian_name, relationship: person.guardian_relationship, contact: person.guardian_contact, hasParentalResponsibility: person.guardian_has_parental_responsibility }
        : null,
    duplicateOf: person.duplicate_of,
    consents: extra.consents.map((c) => ({ scope: c.scope, state: c.state, recordedAt: iso(c.row?.recorded_at ?? null) })),
    referrals: extra.referrals.map((r) => ({ id: r.id, reference: r.reference, status: r.status, route: r.route, receivedAt: r.received_at.toISOString(), firstContactAt: iso(r.first_contact_at), triagedAt: iso(r.triaged_at) })),
    createdAt: person.created_at.toISOString(),
    updatedAt: person.updated_at.toISOString(),
  }
}

export async function personApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id',
    {
      config: { action: 'people.view' },
      schema: {
        tags: ['People'],
        summary: "A person's record, for caseworkers of the organisation supporting them (audited)",
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        response: { 200: personSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id
      const person = isUuid(id) ? await findPerson(db, id) : undefined
      if (!person) throw notFound()
      await guardRecord(db, request, 'people.view', { recordType: 'person', recordId: person.id, organisationId: person.organisation_id, auditAction: 'person.view' }, 'not_found')
      return db.transaction().execute(async (trx) => {
        await audit(trx, auditContext(request), { action: 'person.view', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { via: 'api' } })
        const consents = statesFrom(await consentHistory(trx, person.id))
        return personJson(person, { consents, referrals: await referralsOf(trx, person.id) })
      })
    },
  )
}
