import { SizedStore } from '../sized-store.js'

/**
 * Kept output of GOV.UK Frontend's macros (issue 9: the directory search page spent three fifths of its rendering in
 * the filter panel's selects and checkboxes, the same HTML for every search with the same filters).
 *
 * A GOV.UK macro is imported without the page's context, so its output depends on its `params` alone: the same params,
 * serialised, give the same HTML, which is kept and handed out again. A call with anything more than one positional
 * argument (a `{% call %}` block's `caller`, keyword arguments) is never kept, since a function does not serialise.
 * Params larger than MAX_KEY_CHARS are not kept either (a long table changes with its data, and serialising it costs
 * more than it is likely to save). Templates pass params as plain data (strings, numbers, booleans, arrays, object
 * literals, SafeStrings from other macros), which JSON tells apart exactly; a Date or a class instance would not be,
 * so none is passed to a GOV.UK macro (dates are formatted first, by the `date` filter).
 *
 * Bounded by characters, not entries: at most MAX_KEPT_CHARS of keys and output together, the least recently used
 * dropped first, so the process's memory stays within its target (docs/performance.md).
 */
export const MAX_KEY_CHARS = 16_000
export const MAX_KEPT_CHARS = 2_000_000

type Macro = (...args: unknown[]) => unknown

export interface MacroMemo {
  /** The macro, answering from kept output where it can; `scope` keeps apart macros of different templates. */
  wrap(macro: Macro, scope: string): Macro
  /** For tests and operators: what is kept now. */
  stats(): { entries: number; chars: number; hits: number; misses: number }
}

export function createMacroMemo(limits: { maxKeyChars?: number; maxKeptChars?: number } = {}): MacroMemo {
  const maxKey = limits.maxKeyChars ?? MAX_KEY_CHARS
  const maxKept = limits.maxKeptChars ?? MAX_KEPT_CHARS
  const kept = new SizedStore<unknown>(maxKept)
  let hits = 0
  let misses = 0

  const keyOf = (scope: string, args: unknown[]): string | null => {
    if (args.length !== 1) return null
    const [params] = args
    if (params !== undefined && (typeof params !== 'object' || params === null || '__keywords' in params)) return null
    const key = `${scope}\n${JSON.stringify(params ?? null)}`
    return key.length > maxKey ? null : key
  }

  return {
    wrap(macro, scope) {
      return function memoised(this: unknown, ...args: unknown[]) {
        const key = keyOf(scope, args)
        if (key === null) return macro.apply(this, args)
        const had = kept.get(key)
        if (had !== undefined) {
          hits++
          return had
        }
        misses++
        const output = macro.apply(this, args)
        kept.set(key, output, key.length + String(output).length)
        return output
      }
    },
    stats: () => ({ entries: kept.entries, chars: kept.size, hits, misses }),
  }
}
