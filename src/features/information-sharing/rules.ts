import type { ConsentScope } from '../../platform/db/schema.js'
import { type FieldError, isUuid, length, list, text } from '../admin/fields.js'
import { dayInput, type DayInput, pastDay } from '../safeguarding/dates.js'
import { type RecipientKind, recipientKinds } from './schema.js'

/*
 * The rules of a disclosure (issue 5 §9; CF 2.2 "Able to draw on knowledge of confidentiality and information
 * sharing", CF 2.1 "Sharing information to maintain safety"): every disclosure outside the provider has a basis,
 * either the person's consent for that scope, in force now, or a safeguarding duty ("safeguarding needs usually take
 * precedence over issues of consent and confidentiality", CF 2.2). Pure: the caller looks up the consent.
 */

export const bases = ['consent', 'safeguarding_duty'] as const
export type Basis = (typeof bases)[number]

/** The consent scopes that allow sharing outside the provider, and to whom each lets the practitioner share. */
export const sharingScopes = ['share_with_assets', 'share_with_referrer'] as const satisfies readonly ConsentScope[]
export type SharingScope = (typeof sharingScopes)[number]

/**
 * Which scope covers which recipient. There is no consent scope for other agencies (migrations/0007), so either
 * sharing scope may be named for them and the practitioner says which one the person agreed to.
 */
export function scopeCovers(scope: SharingScope, recipient: RecipientKind): boolean {
  if (recipient === 'asset') return scope === 'share_with_assets'
  if (recipient === 'referrer') return scope === 'share_with_referrer'
  return true
}

/** What may be listed as shared; `other` needs words. */
export const sharedItems = [
  'name',
  'contact_details',
  'date_of_birth',
  'address',
  'health',
  'wellbeing_and_plan',
  'progress',
  'referral_reasons',
  'safeguarding',
  'other',
] as const

export type BasisProblem =
  'basis_missing' | 'scope_missing' | 'scope_not_for_recipient' | 'consent_withdrawn' | 'consent_not_asked'

/**
 * The basis check every disclosure goes through (hand-recorded ones and `recordDisclosure` for other code). The
 * latest consents row for the scope is the one in force: withdrawn consent blocks new disclosures under that scope.
 */
export function checkBasis(input: {
  basis: string | null
  consentScope: string | null
  recipientKind: RecipientKind
  latestConsent: { given: boolean } | null
}): { ok: true } | { ok: false; problem: BasisProblem } {
  if (input.basis === 'safeguarding_duty') return { ok: true }
  if (input.basis !== 'consent') return { ok: false, problem: 'basis_missing' }
  if (!input.consentScope || !(sharingScopes as readonly string[]).includes(input.consentScope))
    return { ok: false, problem: 'scope_missing' }
  if (!scopeCovers(input.consentScope as SharingScope, input.recipientKind))
    return { ok: false, problem: 'scope_not_for_recipient' }
  if (input.latestConsent === null) return { ok: false, problem: 'consent_not_asked' }
  if (!input.latestConsent.given) return { ok: false, problem: 'consent_withdrawn' }
  return { ok: true }
}

/** The field a basis problem belongs to on the form. */
export function basisField(problem: BasisProblem): 'basis' | 'consentScope' {
  return problem === 'basis_missing' ? 'basis' : 'consentScope'
}

export const NAME_LIMIT = 200
export const WORDS_LIMIT = 2000

export interface DisclosureForm {
  recipientKind: RecipientKind
  sharedWithName: string
  fields: string[]
  sharedDetail: string | null
  purposeNote: string
  basis: Basis | null
  consentScope: SharingScope | null
  concernId: string | null
  sharedOn: string
}

export interface DisclosureValues {
  recipientKind: string
  sharedWithName: string
  fields: string[]
  sharedDetail: string
  purposeNote: string
  basis: string
  consentScope: string
  concernId: string
  sharedOn: DayInput
}

/**
 * The "record a disclosure" form and API body, checked before anything is written. The consent itself is checked
 * afterwards against the database, by `checkBasis`.
 */
export function validateDisclosure(
  raw: Record<string, unknown>,
  today: string,
): { value: DisclosureForm; values: DisclosureValues; errors: FieldError[] } {
  const values: DisclosureValues = {
    recipientKind: text(raw.recipientKind).trim(),
    sharedWithName: text(raw.sharedWithName).trim(),
    fields: list(raw.fields),
    sharedDetail: text(raw.sharedDetail).trim(),
    purposeNote: text(raw.purposeNote).trim(),
    basis: text(raw.basis).trim(),
    consentScope: text(raw.consentScope).trim(),
    concernId: text(raw.concernId).trim(),
    sharedOn: dayInput(raw, 'sharedOn'),
  }
  const errors: FieldError[] = []
  const k = (key: string) => `informationSharing.errors.${key}`
  if (!(recipientKinds as readonly string[]).includes(values.recipientKind))
    errors.push({ field: 'recipientKind', key: k('recipientKindMissing') })
  if (!values.sharedWithName) errors.push({ field: 'sharedWithName', key: k('sharedWithNameMissing') })
  else if (length(values.sharedWithName) > NAME_LIMIT)
    errors.push({ field: 'sharedWithName', key: k('sharedWithNameTooLong'), params: { max: NAME_LIMIT } })
  const fields = values.fields.filter((f) => (sharedItems as readonly string[]).includes(f))
  if (fields.length === 0 || fields.length !== values.fields.length)
    errors.push({ field: 'fields', key: k('fieldsMissing') })
  if (fields.includes('other') && !values.sharedDetail)
    errors.push({ field: 'sharedDetail', key: k('sharedDetailMissing') })
  if (length(values.sharedDetail) > WORDS_LIMIT)
    errors.push({ field: 'sharedDetail', key: k('tooLong'), params: { max: WORDS_LIMIT } })
  if (!values.purposeNote) errors.push({ field: 'purposeNote', key: k('purposeMissing') })
  else if (length(values.purposeNote) > WORDS_LIMIT)
    errors.push({ field: 'purposeNote', key: k('tooLong'), params: { max: WORDS_LIMIT } })
  if (!(bases as readonly string[]).includes(values.basis)) errors.push({ field: 'basis', key: k('basis_missing') })
  if (values.basis === 'consent' && !(sharingScopes as readonly string[]).includes(values.consentScope))
    errors.push({ field: 'consentScope', key: k('scope_missing') })
  if (values.concernId && !isUuid(values.concernId)) errors.push({ field: 'concernId', key: k('concernUnknown') })
  if (values.concernId && values.basis === 'consent') errors.push({ field: 'concernId', key: k('concernNeedsDuty') })
  const shared = pastDay(values.sharedOn, today)
  if (!shared.ok) errors.push({ field: 'sharedOn', key: k(`sharedOn_${shared.problem}`), href: '#sharedOn-day' })
  return {
    value: {
      recipientKind: values.recipientKind as RecipientKind,
      sharedWithName: values.sharedWithName,
      fields,
      sharedDetail: values.sharedDetail || null,
      purposeNote: values.purposeNote,
      basis: (bases as readonly string[]).includes(values.basis) ? (values.basis as Basis) : null,
      consentScope:
        values.basis === 'consent' && (sharingScopes as readonly string[]).includes(values.consentScope)
          ? (values.consentScope as SharingScope)
          : null,
      concernId: values.concernId || null,
      sharedOn: shared.ok ? shared.date : '',
    },
    values,
    errors,
  }
}

/** What the purposes other features write say about the recipient (episodes: feedback and transfer, issue 5 §11). */
const recipientByPurpose: Record<string, RecipientKind> = {
  referral_to_community_asset: 'asset',
  feedback_to_referrer: 'referrer',
  transfer: 'agency',
}

/** The recipient kind of a log row, also for rows other code writes without the column. */
export function recipientOf(row: {
  recipient_kind: RecipientKind | null
  connection_id: string | null
  purpose?: string
}): RecipientKind | 'unknown' {
  return row.recipient_kind ?? (row.connection_id ? 'asset' : (recipientByPurpose[row.purpose ?? ''] ?? 'unknown'))
}
