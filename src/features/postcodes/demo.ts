import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { importPostcodes, importWimd } from './import.js'

const fixtures = new URL('./fixtures/', import.meta.url)

/** Loads the synthetic demo postcodes and WIMD ranks (see fixtures/README.md) unless postcodes are already loaded. */
export async function loadDemoPostcodes(db: Kysely<DB>): Promise<boolean> {
  const any = await db.selectFrom('postcodes').select('postcode').limit(1).executeTakeFirst()
  if (any) return false
  await importPostcodes(db, new URL('demo-postcodes.csv', fixtures).pathname)
  await importWimd(db, new URL('demo-wimd.csv', fixtures).pathname)
  return true
}
