import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { isoDay } from './dates.js'
import { currentPermission, recordPermission } from './settings.js'

/**
 * Demo settings: every demo provider organisation has recorded its registration with Warwick for WEMWBS and SWEMWBS
 * and holds a MYCaW licence for a year, so the measures journeys can be shown. Idempotent: what is already in force
 * is left as it is. The references are obviously not real ones.
 */
export async function loadInstrumentDemo(db: Kysely<DB>, now = new Date()): Promise<void> {
  const admin = await db.selectFrom('users as u').select('u.id').where('u.email', '=', 'admin@demo.cyswllt.test').executeTakeFirst()
  if (!admin) return
  const providers = await db.selectFrom('organisations as o').select('o.id').where('o.type', '=', 'provider').execute()
  const today = isoDay(now)
  const nextYear = isoDay(new Date(now.getTime() + 365 * 86_400_000))
  await db.transaction().execute(async (trx) => {
    for (const { id } of providers) {
      for (const instrumentId of ['wemwbs', 'swemwbs'] as const) {
        if (!(await currentPermission(trx, id, instrumentId, today))) await recordPermission(trx, id, admin.id, { instrumentId, kind: 'registration', reference: 'DEMO-WARWICK-REGISTRATION', registeredOn: today, validUntil: null })
      }
      if (!(await currentPermission(trx, id, 'mycaw', today))) await recordPermission(trx, id, admin.id, { instrumentId: 'mycaw', kind: 'licence', reference: 'DEMO-MYCAW-LICENCE', registeredOn: null, validUntil: nextYear })
    }
    await trx.insertInto('audit_events').values({ action: 'instrument_demo.load', detail: JSON.stringify({ organisations: providers.length }) }).execute()
  })
}
