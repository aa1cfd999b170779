import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import type { FieldError } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { todayInWales } from '../safeguarding/dates.js'
import { type DisclosureOutcome, recordDisclosure } from './record.js'
import { basisField, type DisclosureForm } from './rules.js'

/** Writes a hand-recorded disclosure and its audit row together, or nothing when the basis check refuses it. */
export async function recordByHand(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  form: DisclosureForm,
  now: Date,
): Promise<{ outcome: DisclosureOutcome; errors: FieldError[] }> {
  const sharedAt = form.sharedOn === todayInWales(now) ? now : new Date(`${form.sharedOn}T12:00:00Z`)
  return app.deps.database.db.transaction().execute(async (trx) => {
    const outcome = await recordDisclosure(trx, {
      person,
      recipientKind: form.recipientKind,
      sharedWithName: form.sharedWithName,
      fields: form.fields,
      sharedDetail: form.sharedDetail,
      purpose: 'recorded_disclosure',
      purposeNote: form.purposeNote,
      basis: form.basis,
      consentScope: form.consentScope,
      concernId: form.concernId,
      sharedBy: request.user?.userId ?? null,
      sharedAt,
    })
    if (!outcome.ok) {
      const field = outcome.problem === 'concern_unknown' ? 'concernId' : basisField(outcome.problem)
      return {
        outcome,
        errors: [
          {
            field,
            key: `informationSharing.errors.${outcome.problem === 'concern_unknown' ? 'concernUnknown' : outcome.problem}`,
          },
        ],
      }
    }
    await audit(trx, auditContext(request), {
      action: 'disclosure.create',
      recordType: 'information_sharing_log',
      recordId: outcome.id,
      organisationId: person.organisation_id,
      detail: {
        personId: person.id,
        recipientKind: form.recipientKind,
        basis: form.basis,
        consentScope: form.consentScope,
        fields: form.fields,
      },
    })
    return { outcome, errors: [] }
  })
}
