import { SizedStore } from '../../../platform/sized-store.js'
import type { Language } from '../../../platform/i18n/i18n.js'
import type { Origin, SearchQuery } from './query.js'
import type { SearchPage } from './repository.js'

/** Characters of rendered content kept at most (about 25,000 a search, so some eighty searches in each language). */
export const KEPT_CONTENT_CHARS = 2_000_000

/** What a search page's content is made from, besides the texts of its language. */
export interface ContentKey {
  /** The rows, as kept for the directory's version (kept-searches.ts): a new version is a new object. */
  page: SearchPage
  /** The category list, kept for the directory's version too. */
  categories: object
  lang: Language
  query: SearchQuery
  origin: Origin | null
  fromDistrict: string | null
  /** The day in UTC, which the results' next session is counted from (present.ts, nextDay). */
  today: Date
}

/**
 * The rendered content of a search page (the form, the filters, the results and the paging; not the layout, which
 * names who is signed in), kept so that the same search in the same language on the same day is not rendered again
 * (ADR 0030). Its key names the kept rows and category list by identity: when the directory's version moves they are
 * read again, as new objects, and the content made from the old ones is never asked for again and ages out. Only a
 * search without errors is kept. At most KEPT_CONTENT_CHARS, the least recently used dropped first.
 */
export function keptContent(maxChars = KEPT_CONTENT_CHARS) {
  const ids = new WeakMap<object, number>()
  let next = 0
  const idOf = (value: object) => {
    let id = ids.get(value)
    if (id === undefined) ids.set(value, (id = ++next))
    return id
  }
  const kept = new SizedStore<string>(maxChars)
  return (key: ContentKey, render: () => string): string => {
    const name = JSON.stringify([
      idOf(key.page),
      idOf(key.categories),
      key.lang,
      key.today.toISOString().slice(0, 10),
      key.query,
      key.origin,
      key.fromDistrict,
    ])
    const had = kept.get(name)
    if (had !== undefined) return had
    const content = render()
    kept.set(name, content, name.length + content.length)
    return content
  }
}
