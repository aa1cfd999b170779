import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { recordConsent, validateConsentForm } from './consents.js'
import { loadPerson, renderPersonPage } from './person-page.js'

export async function consentRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** Records consent given or withdrawn; the new record is in force at once (latest record wins). */
  app.post('/people/:id/consents', { config: { action: 'people.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, 'people.manage')
    const { value, values, errors } = validateConsentForm((request.body ?? {}) as Record<string, unknown>)
    if (errors.length > 0) return renderPersonPage(app, request, reply, person, { values, errors }, 400)
    await db.transaction().execute(async (trx) => {
      const id = await recordConsent(trx, person, value, request.user?.userId ?? null)
      await audit(trx, auditContext(request), {
        action: value.given ? 'consent.give' : 'consent.withdraw',
        recordType: 'person',
        recordId: person.id,
        organisationId: person.organisation_id,
        detail: { consentId: id, scope: value.scope, method: value.method, givenBy: value.givenBy },
      })
    })
    return reply.redirect(`/people/${person.id}?consentRecorded=1#consent`, 303)
  })
}
