import { readFile } from 'node:fs/promises'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { entities, type Entity, normaliseOruk, type Row, type Skip } from './normalise.js'

export interface EntityCounts {
  created: number
  updated: number
  unchanged: number
  skipped: number
}

export interface OrukImportReport {
  file: string
  format: string
  dryRun: boolean
  counts: Record<Entity, EntityCounts>
  skipped: Skip[]
  /** Links left empty because what they point to is neither in the file nor in the database. */
  notes: string[]
}

/** A file that cannot be imported: nothing was written. `errors` are `path: message` lines. */
export class OrukImportError extends Error {
  constructor(
    readonly file: string,
    readonly errors: string[],
  ) {
    super(
      `${file} was not imported (nothing was written): ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map((e) => `  ${e}`).join('\n')}`,
    )
  }
}

class DryRun extends Error {}

const BATCH = 500

/**
 * Imports an Open Referral UK JSON file (3.0 page, full service or organisation, organisation list, or a v1
 * feed; see normalise.ts) into the directory tables, upserting by id in ONE transaction: a row is created,
 * updated when a column the file gives differs, or left unchanged (so importing a file twice changes nothing).
 * Columns the file does not carry (Cyswllt's capacity, Welsh provision, publishing, managing organisation) are
 * never touched. With `dryRun` everything runs and is rolled back. A malformed file throws OrukImportError
 * listing the paths of the bad fields, before anything is written.
 */
export async function importOruk(
  db: Kysely<DB>,
  file: string,
  {
    dryRun = false,
    beforeCommit,
  }: {
    dryRun?: boolean
    /** e.g. the audit record, in the import's transaction. */ beforeCommit?: (
      trx: Kysely<DB>,
      report: OrukImportReport,
    ) => Promise<void>
  } = {},
): Promise<OrukImportReport> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    if (error instanceof SyntaxError) throw new OrukImportError(file, [`$: not valid JSON (${error.message})`])
    throw error
  }
  const normalised = normaliseOruk(data)
  if (normalised.errors.length) throw new OrukImportError(file, normalised.errors)

  const counts = Object.fromEntries(
    entities.map((e) => [e, { created: 0, updated: 0, unchanged: 0, skipped: 0 }]),
  ) as Record<Entity, EntityCounts>
  const skipped = [...normalised.skipped]
  const notes: string[] = []
  const report: OrukImportReport = { file, format: normalised.format, dryRun, counts, skipped, notes }
  try {
    await db.transaction().execute(async (trx) => {
      await resolveReferences(trx, normalised, skipped, notes)
      for (const entity of entities) {
        const rows = [...normalised.rows[entity].values()]
        const counted = await upsert(trx, entity, rows)
        counts[entity].created += counted.created
        counts[entity].updated += counted.updated
        counts[entity].unchanged += counted.unchanged
      }
      if (dryRun) throw new DryRun()
      for (const s of skipped) counts[s.entity].skipped++
      await beforeCommit?.(trx, report)
    })
  } catch (error) {
    if (!(error instanceof DryRun)) throw error
    for (const s of skipped) counts[s.entity].skipped++
  }
  return report
}

/** Links to records outside the file are kept only if the database has them; otherwise emptied (or, for an
 * attribute's term, the attribute is skipped). */
async function resolveReferences(
  trx: Kysely<DB>,
  n: ReturnType<typeof normaliseOruk>,
  skipped: Skip[],
  notes: string[],
): Promise<void> {
  const outside = n.references.filter((ref) => !n.rows[ref.table].has(ref.id))
  const byTable = new Map<Entity, Set<string>>()
  for (const ref of outside) byTable.set(ref.table, (byTable.get(ref.table) ?? new Set()).add(ref.id))
  const known = new Set<string>()
  for (const [table, ids] of byTable) {
    const found = await trx
      .selectFrom(table)
      .select('id')
      .where('id', 'in', [...ids])
      .execute()
    for (const row of found) known.add(`${table}:${row.id}`)
  }
  for (const ref of outside) {
    if (known.has(`${ref.table}:${ref.id}`)) continue
    if (ref.column === 'taxonomy_term_id') {
      for (const [id, row] of n.rows.attributes) {
        if (row.taxonomy_term_id !== ref.id) continue
        n.rows.attributes.delete(id)
        skipped.push({
          entity: 'attributes',
          path: `attribute ${id}`,
          reason: `its taxonomy term ${ref.id} is neither in the file nor in the directory`,
        })
      }
      continue
    }
    const row = n.rows[ref.entity].get(ref.rowId)
    if (row && row[ref.column] === ref.id) {
      row[ref.column] = null
      notes.push(
        `${ref.entity} ${ref.rowId}: ${ref.column} ${ref.id} is neither in the file nor in the directory; left empty`,
      )
    }
  }
}

/**
 * INSERT … ON CONFLICT (id) DO UPDATE … WHERE the given columns are DISTINCT FROM the new ones, RETURNING
 * whether each row was inserted (xmax = 0): rows not returned were already as the file says.
 */
async function upsert(
  trx: Kysely<DB>,
  table: Entity,
  rows: Row[],
): Promise<{ created: number; updated: number; unchanged: number }> {
  const result = { created: 0, updated: 0, unchanged: 0 }
  for (let start = 0; start < rows.length; start += BATCH) {
    const chunk = rows.slice(start, start + BATCH)
    const columns = Object.keys(chunk[0] as Row)
    const changing = columns.filter((c) => c !== 'id')
    const touched =
      table === 'services'
        ? sql`, last_modified = now()`
        : table === 'directory_organisations'
          ? sql`, updated_at = now()`
          : sql``
    const query = sql<{
      inserted: boolean
    }>`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values ${sql.join(chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`))}
      on conflict (id) do update set ${sql.join(changing.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}${touched}
      where (${sql.join(changing.map((c) => sql.ref(`${table}.${c}`)))}) is distinct from (${sql.join(changing.map((c) => sql`excluded.${sql.ref(c)}`))})
      returning (xmax = 0) as inserted`
    const returned = (await query.execute(trx)).rows
    const created = returned.filter((r) => r.inserted).length
    result.created += created
    result.updated += returned.length - created
    result.unchanged += chunk.length - returned.length
  }
  return result
}

/** The report as lines for the command line. */
export function formatOrukReport(report: OrukImportReport): string[] {
  const lines = [
    `import-oruk: ${report.file}: ${report.format}${report.dryRun ? ' — DRY RUN: nothing was written' : ''}`,
  ]
  for (const entity of entities) {
    const c = report.counts[entity]
    if (c.created + c.updated + c.unchanged + c.skipped === 0) continue
    lines.push(
      `  ${entity}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`,
    )
  }
  if (report.skipped.length) {
    lines.push('Skipped:')
    for (const s of report.skipped.slice(0, 100)) lines.push(`  ${s.entity} at ${s.path}: ${s.reason}`)
    if (report.skipped.length > 100) lines.push(`  … and ${report.skipped.length - 100} more`)
  }
  if (report.notes.length) {
    lines.push('Notes:')
    for (const note of report.notes.slice(0, 100)) lines.push(`  ${note}`)
  }
  return lines
}
