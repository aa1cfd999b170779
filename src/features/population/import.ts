import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { type AgeBand, ageBands } from '../reports/contract.js'

/*
 * Mid-year population estimates from a CSV (issue 7 §3), in the long shape of the ONS mid-year estimates
 * (docs/service-returns.md): a header row, then one row per year, local authority, age (or age band) and sex.
 *   year,local_authority_code,age,population            single years of age (90 = ONS's "90 and over"), summed to bands
 *   year,local_authority_code,age_band,population       already in Cyswllt's bands (0-17, 18-24, … 85+)
 * An optional `sex` column takes all, female or male (F and M too); without it every row is 'all'.
 * Every bad row is reported with its line number and nothing is written; a good file replaces its years whole,
 * so loading the same file twice leaves the same figures.
 */

export interface PopulationRow {
  year: number
  localAuthorityCode: string
  ageBand: AgeBand
  sex: 'all' | 'female' | 'male'
  population: number
}

export type ParseOutcome = { ok: true; rows: PopulationRow[]; read: number } | { ok: false; problems: string[] }

const LA_CODE = /^[EWSN]\d{8}$/

/** The band an age in whole years falls in. */
export function bandOfAge(age: number): AgeBand {
  if (age < 18) return '0-17'
  if (age < 25) return '18-24'
  if (age >= 85) return '85+'
  return ageBands[Math.floor((age - 25) / 10) + 2] as AgeBand
}

const SEXES: Record<string, PopulationRow['sex']> = { all: 'all', persons: 'all', female: 'female', f: 'female', male: 'male', m: 'male' }

const cells = (line: string) => line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim())

/** Pure: the file's rows summed to bands, or every problem with its line number. */
export function parsePopulationCsv(text: string): ParseOutcome {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = cells(lines[0] ?? '').map((h) => h.toLowerCase())
  const at = (name: string) => header.indexOf(name)
  const problems: string[] = []
  const ageColumn = at('age') !== -1 ? 'age' : at('age_band') !== -1 ? 'age_band' : null
  for (const name of ['year', 'local_authority_code', 'population']) if (at(name) === -1) problems.push(`line 1: the header has no "${name}" column`)
  if (!ageColumn) problems.push('line 1: the header needs an "age" or an "age_band" column')
  if (problems.length > 0) return { ok: false, problems }

  const sums = new Map<string, PopulationRow>()
  let read = 0
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return
    read++
    const lineNo = index + 2
    const row = cells(line)
    const value = (name: string) => row[at(name)] ?? ''
    const bad = (what: string) => problems.push(`line ${lineNo}: ${what}`)
    const year = value('year')
    if (!/^\d{4}$/.test(year) || Number(year) < 1990 || Number(year) > 2100) bad(`year "${year}" is not a year between 1990 and 2100`)
    const code = value('local_authority_code').toUpperCase()
    if (!LA_CODE.test(code)) bad(`local_authority_code "${code}" is not a GSS code such as W06000015`)
    let band: AgeBand | null = null
    const age = value(ageColumn as string)
    if (ageColumn === 'age') {
      if (/^\d{1,3}$/.test(age) && Number(age) <= 120) band = bandOfAge(Number(age))
      else bad(`age "${age}" is not a whole number of years from 0 to 120`)
    } else if ((ageBands as readonly string[]).includes(age)) band = age as AgeBand
    else bad(`age_band "${age}" is not one of ${ageBands.join(', ')}`)
    const sexRaw = at('sex') === -1 ? 'all' : value('sex').toLowerCase()
    const sex = SEXES[sexRaw]
    if (!sex) bad(`sex "${sexRaw}" is not all, female or male`)
    const population = value('population')
    if (!/^\d+$/.test(population) || Number(population) > 10_000_000) bad(`population "${population}" is not a whole number of people`)
    if (!band || !sex || problems.length > 0) return
    const key = `${year}|${code}|${band}|${sex}`
    const seen = sums.get(key)
    if (seen) seen.population += Number(population)
    else sums.set(key, { year: Number(year), localAuthorityCode: code, ageBand: band, sex, population: Number(population) })
  })
  if (read === 0) problems.push('the file has no rows after the header')
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: [...sums.values()], read }
}

export interface PopulationImportReport {
  read: number
  years: number[]
  written: number
}

/** Replaces the file's years with its rows, in one transaction (with the caller's audit record). */
export async function importPopulation(
  db: Kysely<DB>,
  rows: readonly PopulationRow[],
  read: number,
  beforeCommit?: (trx: Transaction<DB>, report: PopulationImportReport) => Promise<void>,
): Promise<PopulationImportReport> {
  const years = [...new Set(rows.map((r) => r.year))].sort()
  const report = { read, years, written: rows.length }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('population_estimates').where('year', 'in', years).execute()
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('population_estimates')
        .values(rows.slice(i, i + 500).map((r) => ({ year: r.year, local_authority_code: r.localAuthorityCode, age_band: r.ageBand, sex: r.sex, population: r.population })))
        .execute()
    }
    await beforeCommit?.(trx, report)
  })
  return report
}
