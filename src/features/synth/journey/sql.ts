import { u } from '../random.js'

/*
 * Small SQL-text helpers for the journey stage. Every draw is `synth.u(seed, row key, field)`; the journey's field
 * numbers start at FIELD so they never coincide with the draws of the earlier stages keyed by the same numbers
 * (normal draws also use field + 500, so the block 3000–3999 is the journey's alone).
 */
export const FIELD = { contacts: 3000, connections: 3100, measures: 3200, voice: 3300 } as const

/** A SQL string literal. */
export const lit = (text: string): string => `'${text.replaceAll("'", "''")}'`

/** SQL text picking one of `values` (literals) uniformly with the draw `uSql`. */
export function pick(uSql: string, values: readonly string[], cast = 'text'): string {
  if (values.length === 0) throw new Error('pick needs at least one value')
  return `(array[${values.map(lit).join(',')}]::${cast}[])[1 + floor((${uSql}) * ${values.length})::int]`
}

/** SQL text of a whole number in [min, max] from the draw `uSql`. */
export const between = (uSql: string, min: number, max: number): string =>
  `(${min} + floor((${uSql}) * ${max - min + 1}))::int`

/** The draw maker for one table: `draw(n)` is the n-th field of the table's block, for the row key `key`. */
export function drawsFor(seed: number, key: string, base: number) {
  return (field: number) => u(seed, key, base + field)
}

/** The end of the last day of the data: nothing synthetic happens after it. */
export const untilSql = (until: string): string =>
  `(${lit(until)}::date + interval '1 day' - interval '1 second')::timestamptz`
