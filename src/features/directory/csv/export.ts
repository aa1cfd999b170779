import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { writeCsv } from './csv.js'
import { csvColumns, formatServiceCells } from './layout.js'
import { loadCsvServices } from './repository.js'

/** The whole directory as CSV text (docs/directory-csv.md): a header row, then one row per service by name. */
export async function exportCsv(db: Kysely<DB>): Promise<{ text: string; count: number }> {
  const services = await loadCsvServices(db)
  return { text: writeCsv([[...csvColumns], ...services.map(formatServiceCells)]), count: services.length }
}
