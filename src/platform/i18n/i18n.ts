import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Language, languages, loadCatalogue } from './catalogue.js'

export type { Language } from './catalogue.js'
export { isLanguage, languages } from './catalogue.js'

export type Params = Record<string, string | number>
export type Translate = (key: string, params?: Params) => string

export const sourceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const locales: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' }

/**
 * Messages in both languages, loaded once at start. Plural forms follow Intl.PluralRules, which matters in
 * Welsh (zero, one, two, few, many, other).
 */
export class I18n {
  private readonly catalogues = new Map(languages.map((lang) => [lang, loadCatalogue(sourceRoot, lang)]))
  private readonly plurals = new Map(languages.map((lang) => [lang, new Intl.PluralRules(locales[lang])]))

  /** Called when a key is missing in a language; the page shows the key rather than failing. */
  constructor(private readonly onMissing: (key: string, lang: Language) => void = () => {}) {}

  keys(lang: Language): string[] {
    return [...(this.catalogues.get(lang)?.keys() ?? [])]
  }

  has(lang: Language, key: string): boolean {
    return this.catalogues.get(lang)?.has(key) ?? false
  }

  /** A plural message's forms as they are written (GOV.UK Frontend components do their own counting). */
  pluralForms(lang: Language, key: string): Record<string, string> {
    const entry = this.catalogues.get(lang)?.get(key)
    if (entry === undefined) this.onMissing(key, lang)
    return typeof entry === 'object' ? (entry as Record<string, string>) : { other: entry ?? key }
  }

  translator(lang: Language): Translate {
    return (key, params) => this.translate(lang, key, params)
  }

  translate(lang: Language, key: string, params: Params = {}): string {
    const entry = this.catalogues.get(lang)?.get(key)
    if (entry === undefined) {
      this.onMissing(key, lang)
      return key
    }
    let text: string
    if (typeof entry === 'string') text = entry
    else {
      const count = Number(params.count ?? 0)
      const category = this.plurals.get(lang)?.select(count) ?? 'other'
      text = (entry[category] ?? entry.other) as string
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    )
  }
}

export function locale(lang: Language): string {
  return locales[lang]
}

// Intl formatters are made once per language and kept: making one costs about as much as rendering a small page
// section (a third of a millisecond was measured for each NumberFormat), formatting with one is cheap, and they hold no state.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<Language, Intl.NumberFormat>()

export function formatDate(value: Date | string | null | undefined, lang: Language, withTime = false): string {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) return ''
  const key = `${lang}${withTime ? ' time' : ''}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locales[lang], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' } : { timeZone: 'Europe/London' }),
    })
    dateFormats.set(key, format)
  }
  return format.format(date)
}

export function formatNumber(value: number, lang: Language): string {
  let format = numberFormats.get(lang)
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(locales[lang])))
  return format.format(value)
}

/** `?lng=` first, then the stored choice (cookie), then Accept-Language, then English. */
export function chooseLanguage(query: unknown, stored: unknown, acceptLanguage: string | undefined): Language {
  if (query === 'cy' || query === 'en') return query
  if (stored === 'cy' || stored === 'en') return stored
  // Accept-Language lists tags with optional q weights; take the most preferred of Welsh or English.
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1)
      return { tag, q: Number.isFinite(q) ? q : 0, index }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag.startsWith('cy')) return 'cy'
    if (tag.startsWith('en')) return 'en'
  }
  return 'en'
}
