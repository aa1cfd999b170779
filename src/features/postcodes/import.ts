import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { normalisePostcode } from '../people/person-rules.js'
import { csvBatches, pick } from './csv.js'

export interface ImportReport {
  read: number
  imported: number
  skipped: number
  /** Rows per second, for operators loading the full ONS Postcode Directory (about 2.7 million rows). */
  rowsPerSecond: number
}

/** Number of LSOAs ranked in WIMD 2019; deciles and quintiles are cut from this when a file gives only ranks. */
export const WIMD_2019_AREAS = 1909

function rate(report: ImportReport, started: number): void {
  report.rowsPerSecond = Math.round(report.read / Math.max((Date.now() - started) / 1000, 0.001))
}

/**
 * Loads an ONS Postcode Directory-style CSV: postcode (pcds/pcd/postcode), latitude (lat), longitude (long),
 * local authority (oslaua/laua/lad/local_authority_code) and LSOA (lsoa21/lsoa11/lsoa_code). Welsh authorities
 * are kept as codes; postcodes elsewhere keep their location for distance but no authority. Re-running updates.
 */
export async function importPostcodes(db: Kysely<DB>, file: string, onBatch: (report: ImportReport) => void = () => {}): Promise<ImportReport> {
  const started = Date.now()
  const report: ImportReport = { read: 0, imported: 0, skipped: 0, rowsPerSecond: 0 }
  const welsh = new Set((await db.selectFrom('local_authorities').select('code').execute()).map((r) => r.code))
  for await (const batch of csvBatches(file)) {
    // Keyed by postcode: a repeated postcode in one batch would make the upsert touch a row twice.
    const rows = new Map<string, { postcode: string; latitude: number; longitude: number; local_authority_code: string | null; lsoa_code: string | null }>()
    for (const record of batch) {
      report.read++
      const postcode = normalisePostcode(pick(record, ['pcds', 'pcd', 'postcode', 'pcd7', 'pcd8']))
      const latitude = Number(pick(record, ['lat', 'latitude']))
      const longitude = Number(pick(record, ['long', 'longitude', 'lng']))
      // ONSPD marks postcodes without a grid reference with latitude 99.999999.
      if (!postcode || !Number.isFinite(latitude) || !Number.isFinite(longitude) || latitude < 49 || latitude > 61 || longitude < -9 || longitude > 2) {
        report.skipped++
        continue
      }
      const la = pick(record, ['oslaua', 'laua', 'lad', 'lad23cd', 'local_authority_code'])
      rows.set(postcode, { postcode, latitude, longitude, local_authority_code: welsh.has(la) ? la : null, lsoa_code: pick(record, ['lsoa21', 'lsoa11', 'lsoa21cd', 'lsoa_code']) || null })
    }
    if (rows.size) {
      await db
        .insertInto('postcodes')
        .values([...rows.values()])
        .onConflict((oc) =>
          oc.column('postcode').doUpdateSet((eb) => ({
            latitude: eb.ref('excluded.latitude'),
            longitude: eb.ref('excluded.longitude'),
            local_authority_code: eb.ref('excluded.local_authority_code'),
            lsoa_code: eb.ref('excluded.lsoa_code'),
          })),
        )
        .execute()
    }
    report.imported += rows.size
    rate(report, started)
    onBatch(report)
  }
  return report
}

/** Decile (1 = most deprived tenth) and quintile from a WIMD rank. */
export function wimdBands(rank: number, areas = WIMD_2019_AREAS): { decile: number; quintile: number } {
  const decile = Math.min(10, Math.max(1, Math.ceil((rank / areas) * 10)))
  return { decile, quintile: Math.ceil(decile / 2) }
}

/**
 * Loads WIMD ranks by LSOA: columns lsoa code (lsoa_code/lsoa11cd/lsoa) and overall rank (rank/wimd_2019/
 * wimd_rank); decile and quintile are taken from the file when given, otherwise cut from the rank.
 */
export async function importWimd(db: Kysely<DB>, file: string, edition = '2019', onBatch: (report: ImportReport) => void = () => {}): Promise<ImportReport> {
  const started = Date.now()
  const report: ImportReport = { read: 0, imported: 0, skipped: 0, rowsPerSecond: 0 }
  for await (const batch of csvBatches(file)) {
    const rows = new Map<string, { lsoa_code: string; rank: number; decile: number; quintile: number; edition: string }>()
    for (const record of batch) {
      report.read++
      const lsoa = pick(record, ['lsoa_code', 'lsoa11cd', 'lsoa', 'lsoa21cd']).toUpperCase()
      const rank = Number(pick(record, ['rank', 'wimd_2019', 'wimd_rank', 'overall_rank']))
      if (!/^W01\d{6}$/.test(lsoa) || !Number.isInteger(rank) || rank < 1 || rank > WIMD_2019_AREAS) {
        report.skipped++
        continue
      }
      const bands = wimdBands(rank)
      const decile = Number(pick(record, ['decile', 'wimd_decile'])) || bands.decile
      const quintile = Number(pick(record, ['quintile', 'wimd_quintile'])) || Math.ceil(decile / 2)
      rows.set(lsoa, { lsoa_code: lsoa, rank, decile, quintile, edition })
    }
    if (rows.size) {
      await db
        .insertInto('wimd_ranks')
        .values([...rows.values()])
        .onConflict((oc) => oc.column('lsoa_code').doUpdateSet((eb) => ({ rank: eb.ref('excluded.rank'), decile: eb.ref('excluded.decile'), quintile: eb.ref('excluded.quintile'), edition: eb.ref('excluded.edition') })))
        .execute()
    }
    report.imported += rows.size
    rate(report, started)
    onBatch(report)
  }
  return report
}
