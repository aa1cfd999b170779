import { type FieldError, isUuid, length, list, text } from '../admin/fields.js'
import { isThemeCode, type ThemeCode } from '../directory/matching/themes.js'
import { dayValues, type DayValues, parseDay, pastDay } from '../what-matters/dates.js'
import {
  type CaseStudyStatus,
  type ChecklistItem,
  checklistItems,
  type ConsentMethod,
  consentMethods,
  type ConsentScope,
  consentScopes,
  type Perspective,
  perspectives,
} from './schema.js'

/*
 * The rules of a case study (issue 6 §6; CS §117–118): what a story must hold, its consent to use, the anonymisation
 * check and its sign-off, and when it may leave the organisation. Pure functions: the pages and the API share them.
 */

export const TITLE_LIMIT = 200
export const STORY_LIMIT = 6000
export const TAG_LIMIT = 40
export const MAX_TAGS = 10

const k = (key: string) => `caseStudies.errors.${key}`
const oneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  (options as readonly string[]).includes(value)

export interface CaseStudyForm {
  title: string
  perspective: Perspective
  whatMattered: string
  support: string
  whatChanged: string
  personId: string | null
  periodFrom: string | null
  periodTo: string | null
  tags: string[]
  themes: ThemeCode[]
  serviceIds: string[]
}

export interface CaseStudyValues {
  title: string
  perspective: string
  whatMattered: string
  support: string
  whatChanged: string
  personId: string
  periodFrom: DayValues
  periodTo: DayValues
  tags: string
  themes: string[]
  serviceIds: string[]
}

/** Free tags from a comma-separated field or a JSON array: trimmed, lower case, each once. */
export function parseTags(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw.map((t) => text(t)) : text(raw).split(',')
  return [...new Set(items.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))]
}

const tagShape = /^[\p{L}\p{N}][\p{L}\p{N} '’&-]*$/u

function optionalDay(raw: Record<string, unknown>, name: string, errors: FieldError[]): string | null {
  const result = parseDay(raw, name)
  if ('date' in result) return result.date
  if (result.problem !== 'missing')
    errors.push({
      field: name,
      key: k(`${name}${result.problem === 'incomplete' ? 'Incomplete' : 'Invalid'}`),
      href: `#${name}-day`,
    })
  return null
}

/** Writing or editing a case study: title, perspective, the three parts of the story, the optional links and tags. */
export function validateCaseStudy(raw: Record<string, unknown>): {
  value: CaseStudyForm
  values: CaseStudyValues
  errors: FieldError[]
} {
  const values: CaseStudyValues = {
    title: text(raw.title).trim(),
    perspective: text(raw.perspective).trim(),
    whatMattered: text(raw.whatMattered).trim(),
    support: text(raw.support).trim(),
    whatChanged: text(raw.whatChanged).trim(),
    personId: text(raw.personId).trim(),
    periodFrom: dayValues(raw, 'periodFrom'),
    periodTo: dayValues(raw, 'periodTo'),
    tags: Array.isArray(raw.tags) ? raw.tags.map((t) => text(t)).join(', ') : text(raw.tags),
    themes: list(raw.themes),
    serviceIds: list(raw.serviceIds),
  }
  const errors: FieldError[] = []
  if (!values.title) errors.push({ field: 'title', key: k('titleMissing') })
  else if (length(values.title) > TITLE_LIMIT)
    errors.push({ field: 'title', key: k('titleTooLong'), params: { max: TITLE_LIMIT } })
  if (!oneOf(perspectives, values.perspective))
    errors.push({
      field: 'perspective',
      key: k(values.perspective ? 'perspectiveUnknown' : 'perspectiveMissing'),
      href: '#perspective',
    })
  for (const part of ['whatMattered', 'support', 'whatChanged'] as const) {
    if (!values[part]) errors.push({ field: part, key: k(`${part}Missing`) })
    else if (length(values[part]) > STORY_LIMIT)
      errors.push({ field: part, key: k('storyTooLong'), params: { max: STORY_LIMIT } })
  }
  if (values.personId && !isUuid(values.personId)) errors.push({ field: 'personId', key: k('personUnknown') })
  const periodFrom = optionalDay(raw, 'periodFrom', errors)
  const periodTo = optionalDay(raw, 'periodTo', errors)
  if (periodFrom && periodTo && periodTo < periodFrom)
    errors.push({ field: 'periodTo', key: k('periodToBeforeFrom'), href: '#periodTo-day' })
  const tags = parseTags(raw.tags)
  if (tags.length > MAX_TAGS) errors.push({ field: 'tags', key: k('tooManyTags'), params: { max: MAX_TAGS } })
  const badTag = tags.find((t) => length(t) > TAG_LIMIT || !tagShape.test(t))
  if (badTag) errors.push({ field: 'tags', key: k('tagInvalid'), params: { tag: badTag, max: TAG_LIMIT } })
  const unknownTheme = values.themes.find((t) => !isThemeCode(t))
  if (unknownTheme !== undefined)
    errors.push({ field: 'themes', key: k('themeUnknown'), params: { theme: unknownTheme }, href: '#themes' })
  const badService = values.serviceIds.find((s) => !isUuid(s))
  if (badService !== undefined) errors.push({ field: 'serviceIds', key: k('serviceUnknown'), href: '#serviceIds' })
  return {
    value: {
      title: values.title,
      perspective: values.perspective as Perspective,
      whatMattered: values.whatMattered,
      support: values.support,
      whatChanged: values.whatChanged,
      personId: values.personId || null,
      periodFrom,
      periodTo,
      tags,
      themes: values.themes.filter(isThemeCode),
      serviceIds: [...new Set(values.serviceIds)],
    },
    values,
    errors,
  }
}

export interface ConsentForm {
  givenOn: string
  method: ConsentMethod
  scope: ConsentScope
}

/** The person's consent to use: the day it was given (not in the future), how, and how far the story may go. */
export function validateConsent(
  raw: Record<string, unknown>,
  today: string,
): { value: ConsentForm | null; values: Record<string, unknown>; errors: FieldError[] } {
  const values = {
    consentGivenOn: dayValues(raw, 'consentGivenOn'),
    consentMethod: text(raw.consentMethod).trim(),
    consentScope: text(raw.consentScope).trim(),
  }
  const errors: FieldError[] = []
  const givenOn = pastDay(raw, 'consentGivenOn', today, 'caseStudies', errors)
  if (!oneOf(consentMethods, values.consentMethod))
    errors.push({ field: 'consentMethod', key: k('consentMethodMissing') })
  if (!oneOf(consentScopes, values.consentScope)) errors.push({ field: 'consentScope', key: k('consentScopeMissing') })
  if (errors.length > 0 || !givenOn) return { value: null, values, errors }
  return {
    value: { givenOn, method: values.consentMethod as ConsentMethod, scope: values.consentScope as ConsentScope },
    values,
    errors,
  }
}

/** The anonymisation checklist: complete only when every item is confirmed. */
export function validateChecklist(raw: Record<string, unknown>): { value: ChecklistItem[]; errors: FieldError[] } {
  const ticked = list(raw.checklist)
  const value = checklistItems.filter((item) => ticked.includes(item))
  const unknown = ticked.some((item) => !oneOf(checklistItems, item))
  if (unknown || value.length < checklistItems.length)
    return { value, errors: [{ field: 'checklist', key: k('checklistIncomplete'), href: '#checklist' }] }
  return { value, errors: [] }
}

export interface CaseStudyState {
  status: CaseStudyStatus
  author_id: string
  consent_given_on: string | null
  consent_scope: ConsentScope | null
  consent_withdrawn_on: string | null
}

/** A withdrawn case study is kept as it was, for the record; nothing about it changes again. */
export const isEditable = (cs: Pick<CaseStudyState, 'status'>) => cs.status !== 'withdrawn'

/** Editing text that was checked (or signed off) makes the check stale: it goes back to draft. */
export const editResetsCheck = (cs: Pick<CaseStudyState, 'status'>) =>
  cs.status === 'awaiting_check' || cs.status === 'approved'

/** Why the anonymisation checklist cannot be completed now, or null. */
export function checkRefusal(cs: Pick<CaseStudyState, 'status'>): string | null {
  return cs.status === 'draft' ? null : k(`checkNot_${cs.status}`)
}

/** Why this user cannot sign off the check now, or null: it must be awaiting the check, and not their own. */
export function signOffRefusal(cs: CaseStudyState, userId: string): { code: string; key: string } | null {
  if (cs.status !== 'awaiting_check') return { code: 'not_awaiting_check', key: k('signOffNotAwaiting') }
  if (cs.author_id === userId) return { code: 'own_case_study', key: k('signOffOwn') }
  return null
}

/**
 * Why a case study may not leave the organisation (export, print for sharing), as message keys; empty when it may.
 * It needs the person's consent, not withdrawn, to a scope beyond the organisation, and a signed-off check.
 */
export function sharingRefusals(cs: CaseStudyState): string[] {
  const reasons: string[] = []
  if (cs.consent_withdrawn_on) reasons.push(k('shareConsentWithdrawn'))
  else if (!cs.consent_given_on) reasons.push(k('shareNoConsent'))
  else if (cs.consent_scope === 'organisation') reasons.push(k('shareConsentInternal'))
  if (cs.status !== 'approved' && !cs.consent_withdrawn_on) reasons.push(k('shareNotApproved'))
  return reasons
}

/** Consent can be recorded while the story is in use, and withdrawn once it has been given. */
export function consentRefusal(cs: CaseStudyState, change: 'record' | 'withdraw'): string | null {
  if (cs.status === 'withdrawn' || cs.consent_withdrawn_on) return k('consentAlreadyWithdrawn')
  if (change === 'withdraw' && !cs.consent_given_on) return k('consentNothingToWithdraw')
  return null
}

/** Whether a form's story differs from what is stored: only a real change to the words makes the check stale. */
export function storyChanged(
  row: {
    title: string
    perspective: string
    what_mattered: string
    support: string
    what_changed: string
    person_id: string | null
    period_from: string | null
    period_to: string | null
    tags: string[]
    themes: string[]
  },
  serviceIds: string[],
  form: CaseStudyForm,
): boolean {
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n')
  return !(
    row.title === form.title &&
    row.perspective === form.perspective &&
    row.what_mattered === form.whatMattered &&
    row.support === form.support &&
    row.what_changed === form.whatChanged &&
    row.person_id === form.personId &&
    row.period_from === form.periodFrom &&
    row.period_to === form.periodTo &&
    same(row.tags, form.tags) &&
    same(row.themes, form.themes) &&
    same(serviceIds, form.serviceIds)
  )
}
