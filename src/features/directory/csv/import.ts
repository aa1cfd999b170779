import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { parseCsv } from './csv.js'
import {
  type CsvColumn,
  type CsvService,
  csvColumns,
  type FieldProblem,
  formatServiceCells,
  readHeader,
  readServiceRow,
} from './layout.js'
import { categoryTerms, loadCsvServices, writeCsvService } from './repository.js'

/*
 * Importing the directory CSV: plan (read the file, check every field, compare with the directory) and apply (write
 * the created and updated rows in the caller's transaction). A file with any problem is not applied at all.
 */

/** A problem found in the file: `row` is the spreadsheet row (the header is row 1); 0 for the file as a whole. */
export interface RowProblem extends Omit<FieldProblem, 'column'> {
  row: number
  column: CsvColumn | string
}

export type Outcome = 'created' | 'updated' | 'unchanged'

export interface PlannedRow {
  row: number
  outcome: Outcome
  service: CsvService & { id: string }
  /** For an update, the columns that change. */
  changes: CsvColumn[]
}

export interface ImportPlan {
  rows: PlannedRow[]
  problems: RowProblem[]
  counts: Record<Outcome | 'rejected', number>
}

/** Reads and checks a CSV file against the directory (reads only). */
export async function planImport(db: Kysely<DB>, text: string): Promise<ImportPlan> {
  const problems: RowProblem[] = []
  const plan = (rows: PlannedRow[], rejected: number): ImportPlan => ({
    rows,
    problems,
    counts: {
      created: rows.filter((r) => r.outcome === 'created').length,
      updated: rows.filter((r) => r.outcome === 'updated').length,
      unchanged: rows.filter((r) => r.outcome === 'unchanged').length,
      rejected,
    },
  })
  const parsed = parseCsv(text)
  if (!parsed.ok) {
    problems.push({ row: parsed.line, column: '', problem: 'malformed' })
    return plan([], 0)
  }
  const [header, ...data] = parsed.records
  const columns = header ? readHeader(header) : undefined
  if (columns && !columns.ok) {
    for (const column of columns.missing) problems.push({ row: 1, column, problem: 'missingColumn' })
    for (const column of columns.unknown) problems.push({ row: 1, column, problem: 'unknownColumn' })
    return plan([], 0)
  }
  if (!header || !columns || data.length === 0) {
    problems.push({ row: 0, column: '', problem: 'empty' })
    return plan([], 0)
  }

  const terms = await categoryTerms(db)
  const codes = new Set(terms.keys())
  const read: { row: number; service: CsvService }[] = []
  const rejectedRows = new Set<number>()
  const reject = (row: number, problem: Omit<RowProblem, 'row'>) => {
    problems.push({ row, ...problem })
    rejectedRows.add(row)
  }
  data.forEach((record, i) => {
    const row = i + 2
    if (record.length !== header.length)
      return reject(row, { column: '', problem: 'fieldCount', allowed: String(header.length) })
    const cells = Object.fromEntries(
      csvColumns.map((c) => [c, record[columns.positions.get(c) as number] ?? '']),
    ) as Record<CsvColumn, string>
    const result = readServiceRow(cells, codes)
    if (!result.service) for (const p of result.problems) reject(row, p)
    else read.push({ row, service: result.service })
  })

  // The same id twice, or one organisation with two Welsh names, cannot both be right.
  const seen = new Map<string, number>()
  const welshOf = new Map<string, string | null>()
  for (const { row, service } of read) {
    if (service.id) {
      if (seen.has(service.id))
        reject(row, { column: 'id', problem: 'duplicateId', allowed: String(seen.get(service.id)) })
      else seen.set(service.id, row)
    }
    if (service.organisation) {
      const key = service.organisation.toLowerCase()
      if (welshOf.has(key) && welshOf.get(key) !== service.organisationCy)
        reject(row, { column: 'organisation_cy', problem: 'organisationCyDiffers' })
      else welshOf.set(key, service.organisationCy)
    }
  }

  // Existing organisations keep their spelling; rows without an id are matched by name and organisation.
  const organisations = await db.selectFrom('directory_organisations').select(['id', 'name']).orderBy('id').execute()
  const organisationName = new Map<string, string>()
  for (const o of organisations)
    if (!organisationName.has(o.name.toLowerCase())) organisationName.set(o.name.toLowerCase(), o.name)
  for (const r of read)
    if (r.service.organisation)
      r.service.organisation = organisationName.get(r.service.organisation.toLowerCase()) ?? r.service.organisation
  const unnamed = read.filter((r) => !r.service.id)
  if (unnamed.length) {
    const candidates = await db
      .selectFrom('services')
      .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
      .select([
        'services.id',
        sql<string>`lower(services.name)`.as('name'),
        sql<string>`lower(coalesce(o.name, ''))`.as('organisation'),
      ])
      .where(
        sql<string>`lower(services.name)`,
        'in',
        unnamed.map((r) => r.service.name.toLowerCase()),
      )
      .execute()
    for (const r of unnamed) {
      const matches = candidates.filter(
        (c) =>
          c.name === r.service.name.toLowerCase() &&
          c.organisation === (r.service.organisation ?? '').toLowerCase() &&
          !seen.has(c.id),
      )
      if (matches.length === 1) {
        r.service.id = (matches[0] as { id: string }).id
        seen.set(r.service.id, r.row)
      }
    }
  }

  const current = new Map((await loadCsvServices(db, [...seen.keys()])).map((s) => [s.id as string, s]))
  const rows: PlannedRow[] = []
  for (const { row, service } of read) {
    if (rejectedRows.has(row)) continue
    const existing = service.id ? current.get(service.id) : undefined
    const withId = { ...service, id: service.id ?? randomUUID() }
    if (!existing) {
      rows.push({ row, outcome: 'created', service: withId, changes: [] })
      continue
    }
    const before = formatServiceCells(existing)
    const after = formatServiceCells(withId)
    const changes = csvColumns.filter((_, i) => before[i] !== after[i])
    rows.push({ row, outcome: changes.length ? 'updated' : 'unchanged', service: withId, changes })
  }
  problems.sort((a, b) => a.row - b.row)
  return plan(rows, rejectedRows.size)
}

/** Writes the plan's created and updated rows in `trx` (the caller's transaction, with its audit record). */
export async function applyImport(trx: Kysely<DB>, plan: ImportPlan, now = new Date()): Promise<void> {
  if (plan.problems.length) throw new Error('a file with problems is never imported')
  const terms = await categoryTerms(trx)
  const organisations = new Map<string, string>()
  for (const o of await trx.selectFrom('directory_organisations').select(['id', 'name']).orderBy('id').execute())
    if (!organisations.has(o.name.toLowerCase())) organisations.set(o.name.toLowerCase(), o.id)
  for (const row of plan.rows) {
    if (row.outcome === 'unchanged') continue
    await writeCsvService(trx, row.service, row.outcome === 'updated', terms, organisations, now)
  }
}

/**
 * Plans and applies a CSV file in ONE transaction, calling `beforeCommit` (the audit record) in it. A file with
 * problems writes nothing; a dry run writes nothing either (its transaction is rolled back).
 */
export async function importCsv(
  db: Kysely<DB>,
  text: string,
  {
    dryRun = false,
    beforeCommit,
  }: { dryRun?: boolean; beforeCommit?: (trx: Kysely<DB>, plan: ImportPlan) => Promise<void> } = {},
): Promise<ImportPlan> {
  let result: ImportPlan | undefined
  try {
    await db.transaction().execute(async (trx) => {
      result = await planImport(trx, text)
      if (result.problems.length) return
      await applyImport(trx, result)
      if (dryRun) throw new DryRun()
      await beforeCommit?.(trx, result)
    })
  } catch (error) {
    if (!(error instanceof DryRun)) throw error
  }
  return result as ImportPlan
}

class DryRun extends Error {}
