import type { FieldError } from '../admin/fields.js'
import { type InstrumentId, isInstrumentId } from './contract.js'
import { isIsoDate } from './dates.js'
import { referenceOf } from './definitions.js'
import { permissionKindOf } from './catalogue.js'
import { rulesOf } from './scoring/index.js'
import type { NewPermission, NewTranslation } from './settings.js'
import type { PermissionInstrument } from './schema.js'

/*
 * Pure checks for the settings forms and API: a registration or licence, and an approved translation file. Nothing is
 * written unless these pass; each problem names its field and a message key.
 */

const TEXT_LIMIT = 200
const ITEM_LIMIT = 1000

const clean = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

export function validatePermission(input: { instrumentId: unknown; reference: unknown; registeredOn: string | null; validUntil: string | null }, today: string): { ok: true; permission: NewPermission } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const instrumentId = clean(input.instrumentId)
  const kind = isInstrumentId(instrumentId) ? permissionKindOf(instrumentId) : null
  if (!kind) errors.push({ field: 'instrumentId', key: 'instruments.settings.errors.instrumentId' })
  const reference = clean(input.reference)
  if (!reference) errors.push({ field: 'reference', key: 'instruments.settings.errors.referenceMissing' })
  else if (reference.length > TEXT_LIMIT) errors.push({ field: 'reference', key: 'instruments.settings.errors.tooLong', params: { max: TEXT_LIMIT } })
  let registeredOn: string | null = null
  let validUntil: string | null = null
  if (kind === 'registration') {
    if (!input.registeredOn) errors.push({ field: 'registeredOn', key: 'instruments.settings.errors.registeredOnMissing', href: '#registeredOn-day' })
    else if (!isIsoDate(input.registeredOn)) errors.push({ field: 'registeredOn', key: 'instruments.settings.errors.dateInvalid', href: '#registeredOn-day' })
    else if (input.registeredOn > today) errors.push({ field: 'registeredOn', key: 'instruments.settings.errors.registeredOnFuture', href: '#registeredOn-day' })
    else registeredOn = input.registeredOn
  }
  if (kind === 'licence') {
    if (!input.validUntil) errors.push({ field: 'validUntil', key: 'instruments.settings.errors.validUntilMissing', href: '#validUntil-day' })
    else if (!isIsoDate(input.validUntil)) errors.push({ field: 'validUntil', key: 'instruments.settings.errors.dateInvalid', href: '#validUntil-day' })
    else if (input.validUntil < today) errors.push({ field: 'validUntil', key: 'instruments.settings.errors.validUntilPast', href: '#validUntil-day' })
    else validUntil = input.validUntil
  }
  if (errors.length || !kind) return { ok: false, errors }
  return { ok: true, permission: { instrumentId: instrumentId as PermissionInstrument, kind, reference, registeredOn, validUntil } }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Instruments whose items we ship, so that a translation of them can be loaded. */
export const translatableInstruments = (id: InstrumentId): boolean => rulesOf(id).mode === 'items' && referenceOf(id).itemTextIncluded

/**
 * An approved translation file (JSON): {instrumentId, language, instructions, items: {item id: text},
 * responseLabels: {value or code: label}, approvedBy, approvalReference}. Every item and response option must be
 * present and nothing extra; the wording is the owner's and is stored exactly as given.
 */
export function validateTranslation(input: unknown): { ok: true; translation: NewTranslation } | { ok: false; errors: FieldError[] } {
  const err = (key: string, params?: Record<string, string | number>): { ok: false; errors: FieldError[] } => ({ ok: false, errors: [{ field: 'translation', key: `instruments.translations.errors.${key}`, ...(params ? { params } : {}) }] })
  let data = input
  if (typeof input === 'string') {
    if (!input.trim()) return err('empty')
    try {
      data = JSON.parse(input)
    } catch {
      return err('notJson')
    }
  }
  if (!isObject(data)) return err('notObject')
  const errors: FieldError[] = []
  const add = (key: string, params?: Record<string, string | number>) => errors.push({ field: 'translation', key: `instruments.translations.errors.${key}`, ...(params ? { params } : {}) })
  const instrumentId = data.instrumentId ?? data.instrument
  if (!isInstrumentId(instrumentId) || !translatableInstruments(instrumentId)) return err('instrument', { value: String(instrumentId ?? '') })
  if (data.language !== 'cy') add('language')
  const instructions = typeof data.instructions === 'string' ? data.instructions.trim() : null
  if (instructions === null) add('instructions')
  const expectedItems = [...rulesOf(instrumentId).domains.keys()]
  const items: Record<string, string> = {}
  if (!isObject(data.items)) add('items')
  else {
    for (const id of expectedItems) {
      const text = data.items[id]
      if (typeof text !== 'string' || !text.trim()) add('itemMissing', { item: id })
      else if (text.length > ITEM_LIMIT) add('itemTooLong', { item: id, max: ITEM_LIMIT })
      else items[id] = text.trim()
    }
    for (const id of Object.keys(data.items)) if (!expectedItems.includes(id)) add('itemExtra', { item: id })
  }
  const expectedOptions = (referenceOf(instrumentId).responseOptions ?? []).map((o) => String(o.code ?? o.value))
  const responseLabels: Record<string, string> = {}
  if (!isObject(data.responseLabels)) add('responseLabels')
  else {
    for (const key of expectedOptions) {
      const label = data.responseLabels[key]
      if (typeof label !== 'string' || !label.trim()) add('labelMissing', { option: key })
      else responseLabels[key] = label.trim()
    }
    for (const key of Object.keys(data.responseLabels)) if (!expectedOptions.includes(key)) add('labelExtra', { option: key })
  }
  const approvedBy = clean(data.approvedBy)
  const approvalReference = clean(data.approvalReference)
  if (!approvedBy || approvedBy.length > TEXT_LIMIT) add('approvedBy', { max: TEXT_LIMIT })
  if (!approvalReference || approvalReference.length > TEXT_LIMIT) add('approvalReference', { max: TEXT_LIMIT })
  for (const key of Object.keys(data)) if (!['instrumentId', 'instrument', 'language', 'instructions', 'items', 'responseLabels', 'approvedBy', 'approvalReference'].includes(key)) add('fieldExtra', { field: key })
  if (errors.length) return { ok: false, errors }
  return { ok: true, translation: { instrumentId, language: 'cy', content: { instructions: instructions ?? '', items, responseLabels }, approvedBy, approvalReference } }
}
