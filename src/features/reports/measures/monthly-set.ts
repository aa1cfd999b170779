import { type RawBuilder, sql } from 'kysely'
import type { PassRow } from '../engine/months.js'
import type { ReportContext } from '../modules.js'
import { eachMonth } from './monthly-pass.js'

/*
 * Month sets (issue 9, ADR 0020): the measures that count each person, episode or goal once over the period (the
 * people referred, supported and connected, their circumstances and language of support, the latest What Matters
 * conversation of each episode, the goals attained) do not add up month by month, but the sets they count do: the
 * people of a year are the people of its months, each once. So each month's statement gives its keys (uuids) in
 * groups, one group per combination of the codes the measure tallies, and the months are put together in memory,
 * where a key seen in an earlier group is not counted again. A month keeps its groups while its version stands, as a
 * month part does (ADR 0019).
 *
 * Keys travel as one string of 32 hex digits each per group (string_agg) and are kept as 16 bytes each: a national
 * year of one measure is about 120,000 keys, 2 MB.
 */

/** One group of a month's keys: the codes it was grouped by (text, boolean, arrays of text, or null) and its keys. */
export interface KeyGroup {
  codes: Record<string, unknown>
  /** Four 32-bit words (16 bytes) per key. */
  keys: Uint32Array
}

/**
 * A statement giving a period's keys in groups (the context's filter from..to is the period, or one month of it):
 * `select <codes…>, ${keysOf(column)} as keys from … group by <codes…>`. Each key once per group.
 */
export type MonthlySet = (context: ReportContext) => RawBuilder<unknown>

/** The aggregate that gives a group's keys (a uuid column) as one string, 32 hex digits each. */
export const keysOf = (column: string): RawBuilder<string> => sql<string>`string_agg(replace(${sql.ref(column)}::text, '-', ''), '')`

/**
 * A month's groups as kept in the month cache: every key of the month in one typed array, where each group's start
 * (in words) is; and the groups' codes, the same object for the same codes in every month. A national year is about
 * 90,000 groups: kept as an object and a typed array each, they were enough for the garbage collector's marking to
 * slow the warm report (p95 about 10 % higher at ten connections).
 */
interface MonthGroups {
  codes: Record<string, unknown>[]
  starts: Uint32Array
  keys: Uint32Array
}

/** One object per distinct combination of codes, shared by the months (cleared when it grows past its bound). */
const sharedCodes = new Map<string, Record<string, unknown>>()

function shared(codes: Record<string, unknown>): Record<string, unknown> {
  const key = JSON.stringify(codes)
  const found = sharedCodes.get(key)
  if (found) return found
  if (sharedCodes.size >= 200_000) sharedCodes.clear()
  sharedCodes.set(key, codes)
  return codes
}

async function groupsOf(context: ReportContext, statement: RawBuilder<unknown>): Promise<MonthGroups> {
  const result = await sql<Record<string, unknown>>`${statement}`.execute(context.db)
  const codes: Record<string, unknown>[] = []
  const hex: string[] = []
  const starts = new Uint32Array(result.rows.length + 1)
  let words = 0
  result.rows.forEach(({ keys, ...rest }, i) => {
    const text = typeof keys === 'string' ? keys : ''
    codes.push(shared(rest))
    hex.push(text)
    starts[i] = words
    words += (text.length >> 5) << 2
  })
  starts[result.rows.length] = words
  return { codes, starts, keys: keysFromHex(hex.join('')) }
}

/** A month's groups as the measures read them (views of its keys, made for the build and dropped after it). */
const groupsIn = (month: MonthGroups): KeyGroup[] =>
  month.codes.map((codes, i) => ({ codes, keys: month.keys.subarray(month.starts[i], month.starts[i + 1]) }))

/**
 * The period's groups of keys, month by month, the latest month first (so that the first group a key is seen in is
 * its latest month's). With the build's month parts and no filter, each month is taken from the cache while its
 * version stands (`eachMonth`); otherwise the whole period is read at once, as one month.
 */
export async function monthlySetOf(
  context: ReportContext,
  id: string,
  set: MonthlySet,
  reads: { directory?: boolean } = {},
): Promise<KeyGroup[][]> {
  const months = await eachMonth(context, id, reads, (within) => groupsOf(within, set(within)))
  return (months ? months.reverse() : [await groupsOf(context, set(context))]).map(groupsIn)
}

/** Keys given as 32 hex digits each, as 16 bytes each read as four 32-bit words. */
export function keysFromHex(hex: string): Uint32Array {
  const bytes = Buffer.from(hex, 'hex')
  const keys = new Uint32Array(bytes.length >> 4 << 2)
  new Uint8Array(keys.buffer).set(bytes.subarray(0, keys.length * 4))
  return keys
}

/**
 * A set of 16-byte keys (four 32-bit words each), as an open-addressing hash table of typed arrays: for a national
 * year, a set of strings (one per key) took twice as long and a Map by a hash of the words longer still. Exact: keys
 * with the same hash are told apart by their words.
 */
export class KeySet {
  private table = new Int32Array(1 << 12)
  private words = new Uint32Array(1 << 12)
  size = 0

  /** Adds the key at word `at` of `source`; false when it was already there. */
  add(source: Uint32Array, at: number): boolean {
    const a = source[at] as number
    const b = source[at + 1] as number
    const c = source[at + 2] as number
    const d = source[at + 3] as number
    let hash = a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35)
    hash ^= hash >>> 15
    const mask = this.table.length - 1
    let slot = hash & mask
    for (let held = this.table[slot] as number; held !== 0; held = this.table[slot] as number) {
      const k = (held - 1) << 2
      if (this.words[k] === a && this.words[k + 1] === b && this.words[k + 2] === c && this.words[k + 3] === d) return false
      slot = (slot + 1) & mask
    }
    if ((this.size + 1) << 2 > this.words.length) {
      const words = new Uint32Array(this.words.length * 2)
      words.set(this.words)
      this.words = words
    }
    const k = this.size << 2
    this.words[k] = a
    this.words[k + 1] = b
    this.words[k + 2] = c
    this.words[k + 3] = d
    this.size++
    this.table[slot] = this.size
    if (this.size * 2 > this.table.length) this.grow()
    return true
  }

  /** Twice the slots, every key placed again (the table stays at most half full, so probes stay short). */
  private grow(): void {
    this.table = new Int32Array(this.table.length * 2)
    const mask = this.table.length - 1
    for (let index = 0; index < this.size; index++) {
      const k = index << 2
      let hash =
        (this.words[k] as number) ^
        Math.imul(this.words[k + 1] as number, 0x9e3779b1) ^
        Math.imul(this.words[k + 2] as number, 0x85ebca6b) ^
        Math.imul(this.words[k + 3] as number, 0xc2b2ae35)
      hash ^= hash >>> 15
      let slot = hash & mask
      while (this.table[slot] !== 0) slot = (slot + 1) & mask
      this.table[slot] = index + 1
    }
  }
}

/**
 * How many of each group's keys were not seen before it, taking the groups in the order given: the count of distinct
 * keys, each in the first group it is found in. `seen` may be shared between calls to count keys across them.
 */
export function firstSeen(groups: Iterable<KeyGroup>, seen: KeySet = new KeySet()): { codes: Record<string, unknown>; count: number }[] {
  const counted: { codes: Record<string, unknown>; count: number }[] = []
  for (const group of groups) {
    let count = 0
    for (let at = 0; at + 4 <= group.keys.length; at += 4) if (seen.add(group.keys, at)) count++
    counted.push({ codes: group.codes, count })
  }
  return counted
}

/** A code as the pass statements give it (`code::text`): null stays null, a boolean is 'true' or 'false'. */
const codeText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))

/**
 * The counted groups tallied by one of their codes (or by each element, for an array of codes), as a pass's rows
 * under `key` (pathway-sql.ts `passResult` reads them): codes with no count are left out, as `group by` leaves them.
 */
export function tallyRows(counted: readonly { codes: Record<string, unknown>; count: number }[], key: string, code: string): PassRow[] {
  const sums = new Map<string | null, number>()
  for (const { codes, count } of counted) {
    if (count === 0) continue
    const value = codes[code]
    for (const one of Array.isArray(value) ? value : [value]) sums.set(codeText(one), (sums.get(codeText(one)) ?? 0) + count)
  }
  return [...sums].map(([code, n]) => ({ key, code, n, median: null, p90: null }))
}

/** The total count of the counted groups, as a pass's count row under `key`. */
export function countRow(counted: readonly { count: number }[], key: string): PassRow {
  return { key, code: null, n: counted.reduce((sum, { count }) => sum + count, 0), median: null, p90: null }
}
