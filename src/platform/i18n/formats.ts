/*
 * Intl formatters, made once and shared. Making an Intl.DateTimeFormat costs a few hundred microseconds (ICU loads
 * the locale's patterns and, with a time zone, the zone's rules), and its ICU objects live outside the JavaScript
 * heap: V8 sees a small wrapper, so under load it collects them late and the service's resident memory grew by
 * gigabytes (issue 9, docs/performance.md). A formatter is immutable, so one per locale and option set serves
 * every request. Callers pass locales and options written in the code, never taken from a request, so the caches
 * hold a handful of entries.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()
const listFormats = new Map<string, Intl.ListFormat>()

function cached<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale} ${JSON.stringify(options)}`
  let format = cache.get(key)
  if (!format) {
    format = make()
    cache.set(key, format)
  }
  return format
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, locale, options, () => new Intl.DateTimeFormat(locale, options))
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options))
}

export function listFormat(locale: string, options: Intl.ListFormatOptions): Intl.ListFormat {
  return cached(listFormats, locale, options, () => new Intl.ListFormat(locale, options))
}

const walesDayFormat = dateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day in Wales (Europe/London) of an instant, as YYYY-MM-DD. */
export function walesDay(at: Date): string {
  return walesDayFormat.format(at)
}
