import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit, auditsTogether } from '../../platform/audit/audit.js'
import { preparedStatements } from '../../platform/db/prepared.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { personConnections } from '../connections/routes.js'
import { suggestedServicesSection } from '../directory/matching/person-section.js'
import { ageOn, isChild } from '../people/person-rules.js'
import { findDuplicateCandidates } from '../referrals/repository.js'
import { loadGuardedPerson } from './access.js'
import { consentGivers, consentHistory, consentMethods, standingConsentScopes, statesFrom } from './consents.js'
import { formatNhsNumber, placeName } from './format.js'
import { journeySections, journeyTimeline } from './journey-sections.js'
import { personEpisodes } from './page-reads.js'
import { linkedRecords, type PersonRow, timeline } from './person-queries.js'

const views = { person: 'features/person-record/views/person.njk', duplicates: 'features/person-record/views/duplicates.njk' }
const notices = ['updated', 'consentRecorded'] as const

/** The person named in the URL: 404 when there is none, 403 (audited) when it belongs to another organisation. */
export function loadPerson(app: FastifyInstance, request: FastifyRequest, action: 'people.view' | 'people.manage'): Promise<PersonRow> {
  return loadGuardedPerson(app, request, action, action === 'people.view' ? 'person.view' : 'person.update')
}

/** What the pages show of a person besides the stored fields. */
export function personFacts(person: PersonRow, lang: string, today = new Date()) {
  return {
    age: ageOn(person.date_of_birth, today),
    child: isChild(person.date_of_birth, today),
    nhsNumber: formatNhsNumber(person.nhs_number),
    localAuthority: placeName(person, lang),
    healthBoard: (lang === 'cy' ? person.hb_name_cy : person.hb_name_en) ?? '',
    regionalPartnershipBoard: (lang === 'cy' ? person.rpb_name_cy : person.rpb_name_en) ?? '',
    wimd: person.lsoa_code ? `${person.lsoa_code}${person.wimd_decile ? ` (WIMD ${person.wimd_decile})` : ''}` : '',
  }
}

export interface ConsentFormState {
  values: Record<string, string>
  errors: FieldError[]
}

/** The person page; every showing of it is a read of personal data, audited with the reads it makes. */
export async function renderPersonPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, person: PersonRow, consentForm: ConsentFormState = { values: {}, errors: [] }, status = 200) {
  const db = app.deps.database.db
  const data = await db.transaction().execute((transaction) => {
    // Every read here is of this person's rows by key: prepared on the connection (ADR 0031).
    const trx = transaction.withPlugin(preparedStatements)
    // The view's audit and its sections' (contacts, measures, concerns, sharing) go in as one statement at the end.
    return auditsTogether(trx, async () => {
      await audit(trx, auditContext(request), { action: 'person.view', recordType: 'person', recordId: person.id, organisationId: person.organisation_id })
      const [history, events, linked] = await Promise.all([consentHistory(trx, person.id), timeline(trx, person.id, () => personEpisodes(trx, person.id)), linkedRecords(trx, person)])
      const connections = await personConnections(trx, request, person)
      const suggested = await suggestedServicesSection(trx, request, person)
      const journey = await journeySections(trx, request, person)
      const journeyEvents = await journeyTimeline(trx, request, person)
      return { history, events, linked, connections, suggested, journey, journeyEvents }
    })
  })
  const query = request.query as Record<string, unknown>
  const notice = notices.find((n) => query[n] === '1')
  return reply.code(status).view(views.person, {
    title: `${person.given_name} ${person.family_name}`,
    person,
    facts: personFacts(person, request.lang),
    consents: statesFrom(data.history),
    consentHistory: data.history,
    timeline: [...data.events, ...data.journeyEvents.map((e) => ({ ...e, kind: 'journey' as const }))].sort((a, b) => b.at.getTime() - a.at.getTime()),
    journey: data.journey,
    linked: data.linked,
    connections: data.connections,
    suggested: data.suggested,
    canManage: can(request.user, 'people.manage', { organisationId: person.organisation_id }),
    consentScopes: standingConsentScopes,
    consentMethods,
    consentGivers,
    values: consentForm.values,
    errors: summaryErrors(request.t, consentForm.errors),
    notice: consentForm.errors.length === 0 && notice ? request.t(`personRecord.notices.${notice}`) : null,
  })
}

export async function personPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/people/:id', { config: { action: 'people.view' } }, async (request, reply) => {
    const person = await loadPerson(app, request, 'people.view')
    return renderPersonPage(app, request, reply, person)
  })

  app.get('/people/:id/duplicates', { config: { action: 'people.view' } }, async (request, reply) => {
    const person = await loadPerson(app, request, 'people.view')
    const candidates = await db.transaction().execute(async (trx) => {
      const found = await findDuplicateCandidates(trx, {
        id: person.id,
        organisationId: person.organisation_id,
        givenName: person.given_name,
        familyName: person.family_name,
        dateOfBirth: person.date_of_birth,
        nhsNumber: person.nhs_number,
        postcode: person.postcode,
      })
      await audit(trx, auditContext(request), { action: 'person.duplicates', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { candidates: found.length } })
      return found
    })
    return reply.view(views.duplicates, {
      title: request.t('personRecord.duplicates.title', { name: `${person.given_name} ${person.family_name}` }),
      person,
      candidates: candidates.map((c) => ({ ...c, nhsNumber: formatNhsNumber(c.nhs_number) })),
    })
  })
}
