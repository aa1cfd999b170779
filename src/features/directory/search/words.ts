/**
 * Word search on short text (docs/adr/0009-word-search.md). A query is split into words exactly as
 * `services.search_words` splits `search_text` (migration 0039): runs of letters and digits of the lower-case,
 * accent-free text. Each query word is then matched against the directory's distinct words (`directory_words`), and a
 * service is found when, for every query word, it has at least one of the matching words. Pure helpers; the SQL is in
 * repository.ts.
 */

/** Query words beyond this many are ignored: no one types more, and each adds a lookup. */
export const MAX_QUERY_WORDS = 8
/** The most directory words one query word may stand for (the closest first): keeps a short fragment cheap. */
export const MAX_MATCHES_PER_WORD = 40
/** Words shorter than this are matched exactly: trigrams say nothing useful about "a" or "yn". */
export const FUZZY_MIN_LENGTH = 3

/** The distinct words of normalised query text, in the order typed, at most MAX_QUERY_WORDS. */
export function queryWords(normalised: string): string[] {
  const words = normalised.split(/[^a-z0-9]+/).filter((w) => w !== '')
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS)
}

/** The directory words one query word stands for, each with how similar it is (1 for the word itself). */
export interface WordMatches {
  word: string
  matches: { word: string; similarity: number }[]
}

/**
 * The rank of a service with `serviceWords` for a query whose words matched `matched`: the mean, over the query words,
 * of the best similarity among that word's matches the service has; null when some query word has none (the service
 * is not found). The reference for the SQL in repository.ts (rankSql), which tests compare against it.
 */
export function rankOf(matched: readonly WordMatches[], serviceWords: readonly string[]): number | null {
  if (matched.length === 0) return null
  const has = new Set(serviceWords)
  let sum = 0
  for (const { matches } of matched) {
    const best = Math.max(...matches.filter((m) => has.has(m.word)).map((m) => m.similarity), -1)
    if (best < 0) return null
    sum += best
  }
  return sum / matched.length
}

/** Escapes LIKE's wildcards (never present in query words, which are letters and digits, but cheap to be sure). */
export const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)
