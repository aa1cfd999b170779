import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { formatOrukReport, importOruk, OrukImportError } from '../features/directory/oruk/import.js'
import { importCsv } from '../features/directory/csv/import.js'
import { problemText } from '../features/directory/csv/problems.js'
import { readFile } from 'node:fs/promises'
import { I18n } from '../platform/i18n/i18n.js'
import { importPostcodes, importWimd, type ImportReport } from '../features/postcodes/import.js'
import { importPopulation, parsePopulationCsv } from '../features/population/import.js'
import { audit } from '../platform/audit/audit.js'
import type { DB } from '../platform/db/schema.js'
import type { CliCommand } from './args.js'
import { CliError } from './commands.js'

type ImportCommand = Extract<CliCommand, { command: 'import-postcodes' | 'import-wimd' }>

/** Streams a reference-data file into the database, reporting progress on `progress` and a summary as lines. */
export async function runImport(db: Kysely<DB>, command: ImportCommand, progress: { write(text: string): unknown }): Promise<string[]> {
  if (!existsSync(command.file) || !statSync(command.file).isFile()) throw new CliError(`There is no file at ${command.file}.`)
  let shown = 0
  const onBatch = (report: ImportReport) => {
    if (report.read - shown >= 100_000) {
      shown = report.read
      progress.write(`… ${report.read.toLocaleString('en-GB')} rows read (${report.rowsPerSecond.toLocaleString('en-GB')} a second)\n`)
    }
  }
  const report = command.command === 'import-postcodes' ? await importPostcodes(db, command.file, onBatch) : await importWimd(db, command.file, command.edition, onBatch)
  await audit(db, { actorUserId: null, organisationId: null, requestId: null, clientAddress: null }, { action: `reference.${command.command.replace('-', '_')}`, detail: { via: 'cli', read: report.read, imported: report.imported, skipped: report.skipped } })
  return [
    `${command.command}: ${report.read.toLocaleString('en-GB')} rows read, ${report.imported.toLocaleString('en-GB')} imported, ${report.skipped.toLocaleString('en-GB')} skipped (not valid), ${report.rowsPerSecond.toLocaleString('en-GB')} rows a second.`,
  ]
}

/**
 * Imports an Open Referral UK JSON file into the directory (see features/directory/oruk/import.ts) and audits
 * it like the reference-data imports, in the import's transaction (a dry run rolls back its audit record too:
 * it changes nothing). A malformed file is a
 * usage error (exit 2) listing the bad fields' paths.
 */
export async function runOrukImport(db: Kysely<DB>, command: Extract<CliCommand, { command: 'import-oruk' }>): Promise<string[]> {
  if (!existsSync(command.file) || !statSync(command.file).isFile()) throw new CliError(`There is no file at ${command.file}.`)
  try {
    const report = await importOruk(db, command.file, {
      dryRun: command.dryRun,
      beforeCommit: async (trx, done) => {
        const counts = Object.fromEntries(Object.entries(done.counts).filter(([, c]) => c.created + c.updated + c.unchanged + c.skipped > 0))
        await audit(trx, { actorUserId: null, organisationId: null, requestId: null, clientAddress: null }, { action: 'directory_import.oruk', detail: { via: 'cli', file: path.basename(command.file), format: done.format, counts } })
      },
    })
    return formatOrukReport(report)
  } catch (error) {
    if (error instanceof OrukImportError) throw new CliError(error.message)
    throw error
  }
}

/**
 * Imports the directory CSV (features/directory/csv, docs/directory-csv.md) in one transaction with its audit
 * record. A file with problems is refused (exit 2) with the row and column of each, in English; nothing is written.
 */
export async function runCsvImport(db: Kysely<DB>, command: Extract<CliCommand, { command: 'import-csv' }>): Promise<string[]> {
  if (!existsSync(command.file) || !statSync(command.file).isFile()) throw new CliError(`There is no file at ${command.file}.`)
  const plan = await importCsv(db, await readFile(command.file, 'utf8'), {
    dryRun: command.dryRun,
    beforeCommit: async (trx, done) => {
      await audit(trx, { actorUserId: null, organisationId: null, requestId: null, clientAddress: null }, { action: 'directory_import.csv', recordType: 'service', detail: { via: 'cli', file: path.basename(command.file), ...done.counts } })
    },
  })
  if (plan.problems.length) {
    const i18n = new I18n()
    const t = (key: string, params?: Record<string, string | number>) => i18n.translate('en', key, params)
    throw new CliError(`${command.file} was not imported (nothing was written): ${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'}:\n${plan.problems.map((p) => `  ${problemText(t, p)}`).join('\n')}`)
  }
  const { created, updated, unchanged } = plan.counts
  const lines = [`import-csv: ${command.file}${command.dryRun ? ' — DRY RUN: nothing was written' : ''}`, `  services: ${created} created, ${updated} updated, ${unchanged} unchanged`]
  for (const row of plan.rows) if (row.outcome !== 'unchanged') lines.push(`  row ${row.row}: ${row.service.name}: ${row.outcome}${row.changes.length ? ` (${row.changes.join(', ')})` : ''}`)
  return lines
}

/**
 * Imports mid-year population estimates (features/population/import.ts) with its audit record. A file with any bad
 * row is refused (exit 2) with the line of each; nothing is written. The file's years are replaced whole.
 */
export async function runPopulationImport(db: Kysely<DB>, command: Extract<CliCommand, { command: 'import-population' }>): Promise<string[]> {
  if (!existsSync(command.file) || !statSync(command.file).isFile()) throw new CliError(`There is no file at ${command.file}.`)
  const parsed = parsePopulationCsv(await readFile(command.file, 'utf8'))
  if (!parsed.ok) throw new CliError(`${command.file} was not imported (nothing was written): ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`)
  const report = await importPopulation(db, parsed.rows, parsed.read, (trx, done) =>
    audit(trx, { actorUserId: null, organisationId: null, requestId: null, clientAddress: null }, { action: 'reference.import_population', detail: { via: 'cli', file: path.basename(command.file), read: done.read, years: done.years, written: done.written } }),
  )
  return [`import-population: ${report.read.toLocaleString('en-GB')} rows read, ${report.written.toLocaleString('en-GB')} band figures written for ${report.years.join(', ')} (replacing what was loaded for ${report.years.length === 1 ? 'that year' : 'those years'}).`]
}
