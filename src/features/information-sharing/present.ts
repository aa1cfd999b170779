import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { DisclosureRow } from './record.js'
import { recipientOf } from './rules.js'

/** A catalogue text when there is one, else the stored code itself (rows other features wrote with their own codes). */
function word(app: FastifyInstance, request: FastifyRequest, keys: string[], code: string): string {
  const key = keys.find((k) => app.deps.i18n.has(request.lang, k))
  return key ? request.t(key) : code
}

/** One log row in the page's words: when, what, with whom, why, on what basis, by whom (issue 5 §9). */
export function presentDisclosure(app: FastifyInstance, request: FastifyRequest, row: DisclosureRow) {
  const recipient = recipientOf(row)
  return {
    id: row.id,
    at: row.shared_at,
    recipient: row.shared_with_name,
    recipientKind: request.t(`informationSharing.recipientKinds.${recipient}`),
    what: row.fields.map((f) => word(app, request, [`informationSharing.items.${f}`, `connections.fields.${f}`], f)),
    detail: row.shared_detail,
    purpose: word(app, request, [`informationSharing.purposes.${row.purpose}`], row.purpose),
    purposeNote: row.purpose_note,
    basis:
      row.basis === 'safeguarding_duty'
        ? request.t('informationSharing.basis.safeguarding_duty')
        : request.t('informationSharing.basis.consentUnder', {
            scope: row.consent_scope
              ? request.t(`personRecord.consent.scopes.${row.consent_scope}`)
              : request.t('informationSharing.basis.consentRecord'),
          }),
    concernId: row.safeguarding_concern_id,
    by: row.shared_by_name,
  }
}

export type PresentedDisclosure = ReturnType<typeof presentDisclosure>
