import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { accessibilityFeatures, attendingTypes, capacityStatuses, howToAccess, lifeStages, serviceStatuses, welshProvision } from '../schema.js'
import { inLanguage } from '../search/present.js'
import { weekDays } from '../search/query.js'
import { SCHEDULE_LINES } from './rules.js'

/**
 * The items of the editing forms' radios, checkboxes and selects, with the typed values chosen. Option labels
 * reuse the search pages' `directory.labels.*` texts.
 */
type Values = Record<string, unknown>

const str = (value: unknown) => (value === undefined || value === null ? '' : String(value))
const many = (value: unknown) => (Array.isArray(value) ? value.map(String) : value === undefined || value === '' ? [] : [String(value)])

function radios(t: Translate, values: Values, field: string, options: readonly string[], group: string, withUnknown = true) {
  const chosen = str(values[field])
  return [
    ...options.map((value) => ({ value, text: t(`directory.labels.${group}.${value}`), checked: chosen === value })),
    ...(withUnknown ? [{ value: '', text: t('directory.manage.form.notKnown'), checked: chosen === '' }] : []),
  ]
}

function checks(t: Translate, values: Values, field: string, options: readonly string[], group: string) {
  const chosen = many(values[field])
  return options.map((value) => ({ value, text: t(`directory.labels.${group}.${value}`), checked: chosen.includes(value) }))
}

function yesNoItems(t: Translate, values: Values, field: string) {
  const chosen = str(values[field])
  return [
    { value: 'yes', text: t('directory.manage.form.yes'), checked: chosen === 'yes' },
    { value: 'no', text: t('directory.manage.form.no'), checked: chosen === 'no' },
    { value: '', text: t('directory.manage.form.notKnown'), checked: chosen === '' },
  ]
}

/** Weekly session lines for the form: each a day select and two times. */
export function scheduleRows(t: Translate, values: Values) {
  return Array.from({ length: SCHEDULE_LINES }, (_, i) => {
    const n = i + 1
    const day = str(values[`day${n}`])
    return {
      n,
      days: [{ value: '', text: t('directory.manage.form.chooseDay') }, ...weekDays.map((d) => ({ value: d, text: t(`directory.labels.days.${d}`), selected: d === day }))],
      opens: str(values[`opens${n}`]),
      closes: str(values[`closes${n}`]),
    }
  })
}

export function capacityItems(t: Translate, values: Values, withUnknown: boolean) {
  return radios(t, values, 'capacityStatus', capacityStatuses, 'capacity', withUnknown)
}

export function serviceFormItems(t: Translate, lang: Language, values: Values, lookups: { categories: { code: string | null; name: string; name_cy: string | null }[]; organisations: { id: string; name: string; name_cy: string | null }[] }) {
  const chosenCategories = many(values.categories)
  const organisation = str(values.directoryOrganisationId)
  const byName = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text, lang === 'cy' ? 'cy' : 'en-GB')
  return {
    organisations: [{ value: '', text: t('directory.manage.form.chooseOrganisation') }, ...lookups.organisations.map((o) => ({ value: o.id, text: inLanguage(lang, o.name, o.name_cy).text, selected: o.id === organisation })).sort(byName)],
    categories: lookups.categories.map((c) => ({ value: c.code ?? '', text: inLanguage(lang, c.name, c.name_cy).text, checked: chosenCategories.includes(c.code ?? '') })).sort(byName),
    howToAccess: radios(t, values, 'howToAccess', howToAccess, 'howToAccess'),
    capacity: capacityItems(t, values, true),
    welshProvision: radios(t, values, 'welshProvision', welshProvision, 'welshProvision'),
    lifeStages: checks(t, values, 'lifeStages', lifeStages, 'lifeStages'),
    accessibility: checks(t, values, 'accessibilityFeatures', accessibilityFeatures, 'accessibility'),
    attending: checks(t, values, 'attendingTypes', attendingTypes, 'attending'),
    freeOrLowCost: yesNoItems(t, values, 'freeOrLowCost'),
    safeguardingPolicy: yesNoItems(t, values, 'safeguardingPolicy'),
    dbsChecks: yesNoItems(t, values, 'dbsChecks'),
    published: yesNoItems(t, values, 'published').slice(0, 2),
    status: serviceStatuses.map((s) => ({ value: s, text: t(`directory.labels.status.${s}`), selected: s === (str(values.status) || 'active') })),
    schedules: scheduleRows(t, values),
  }
}

/** The form's typed values as they came in (strings, or arrays for checkboxes). */
export function formValues(body: Record<string, unknown>): Values {
  const values: Values = {}
  for (const [key, value] of Object.entries(body)) if (key !== '_csrf') values[key] = value
  return values
}
