import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN, demoOrganisations } from '../demo/demo-data.js'
import { todayInWales } from '../what-matters/dates.js'

/*
 * Demo period returns (issue 7 §4): invented figures for each demo provider for the last financial year and the
 * current quarter, a few activities' running costs, and travel distances for the demo journey's connections (they
 * record a mode but no distance), so the costs, cost per person and travel carbon measures have something to show.
 * Loaded once.
 */

/** The last whole financial year (April to March) and the calendar quarter containing today. */
export function demoPeriods(today: string) {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const fyStart = month >= 4 ? year - 1 : year - 2
  const quarterStart = Math.floor((month - 1) / 3) * 3 + 1
  const quarterEnd = quarterStart + 2
  const lastDay = new Date(Date.UTC(year, quarterEnd, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    year: { from: `${fyStart}-04-01`, to: `${fyStart + 1}-03-31` },
    quarter: { from: `${year}-${pad(quarterStart)}-01`, to: `${year}-${pad(quarterEnd)}-${pad(lastDay)}` },
  }
}

const figures = {
  cardiff: {
    year: { running_costs_pence: 18_450_000, funding_continues: 'yes' as const, funding_note: 'Funded by the regional partnership board to March next year.', staff_headcount: 7, staff_fte: 5.6, volunteers: 14, practitioners_dbs_checked: 5, staff_trained_data_collection: 6, training_sessions: 6, staff_attending_training: 19, staff_completed_targeted_training: 5, satisfaction_respondents: 6, satisfaction_satisfied: 5 },
    quarter: { running_costs_pence: 4_780_000, funding_continues: 'not_known' as const, funding_note: 'Renewal bid submitted.', staff_headcount: 7, staff_fte: 5.8, volunteers: 16, practitioners_dbs_checked: 5, staff_trained_data_collection: 7, training_sessions: 2, staff_attending_training: 7, staff_completed_targeted_training: 1, satisfaction_respondents: null, satisfaction_satisfied: null },
  },
  gwynedd: {
    year: { running_costs_pence: 11_200_000, funding_continues: 'yes' as const, funding_note: null, staff_headcount: 4, staff_fte: 3.2, volunteers: 9, practitioners_dbs_checked: 3, staff_trained_data_collection: 4, training_sessions: 4, staff_attending_training: 11, staff_completed_targeted_training: 3, satisfaction_respondents: 4, satisfaction_satisfied: 4 },
    quarter: { running_costs_pence: 2_900_000, funding_continues: 'yes' as const, funding_note: null, staff_headcount: 4, staff_fte: 3.2, volunteers: 10, practitioners_dbs_checked: 4, staff_trained_data_collection: 4, training_sessions: 1, staff_attending_training: 4, staff_completed_targeted_training: 0, satisfaction_respondents: null, satisfaction_satisfied: null },
  },
}

/** Distances (km) and modes given to demo connections that have none, in turn. */
const trips = [
  { mode: 'bus', km: 3.2 },
  { mode: 'car', km: 8.5 },
  { mode: 'walk', km: 1.1 },
  { mode: 'community_transport', km: 6.4 },
  { mode: 'train', km: 14.0 },
] as const

export async function loadServiceReturnDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const names = (keys: string[]) => demoOrganisations.filter((o) => keys.includes(o.key)).map((o) => o.name)
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).where('name', 'in', names(['cardiff', 'gwynedd', 'shed'])).execute()
  const idOf = (key: string) => orgs.find((o) => o.name === names([key])[0])?.id
  const cardiff = idOf('cardiff')
  const gwynedd = idOf('gwynedd')
  if (!cardiff || !gwynedd) return 0
  const already = await db.selectFrom('service_returns').select('id').where('organisation_id', 'in', [cardiff, gwynedd]).limit(1).executeTakeFirst()
  if (already) return 0
  const periods = demoPeriods(todayInWales(now))
  const lead = await db.selectFrom('users').select('id').where('email', '=', `teamlead@${DEMO_DOMAIN}`).executeTakeFirst()
  let written = 0
  await db.transaction().execute(async (trx) => {
    for (const [key, id] of [['cardiff', cardiff], ['gwynedd', gwynedd]] as const) {
      for (const which of ['year', 'quarter'] as const) {
        const by = key === 'cardiff' ? (lead?.id ?? null) : null
        await trx.insertInto('service_returns').values({ organisation_id: id, period_from: periods[which].from, period_to: periods[which].to, ...figures[key][which], created_by: by, updated_by: by }).execute()
        written++
      }
    }
    // Activities: those the demo asset organisation manages, and one the Cardiff team lead knows the costs of.
    const services = await trx
      .selectFrom('services as s')
      .leftJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
      .select(['s.id', 'o.managed_by_organisation_id'])
      .orderBy('s.name')
      .execute()
    const shed = idOf('shed')
    const managed = services.filter((s) => shed && s.managed_by_organisation_id === shed).slice(0, 2)
    const other = services.find((s) => !s.managed_by_organisation_id)
    const activity = [
      ...managed.map((s, i) => ({ service_id: s.id, organisation_id: shed as string, running_costs_pence: 640_000 + i * 125_000, users_completed_training: 6 + i, user_training_sessions: 4, users_accessing_training: 11 + i, staff_satisfaction_respondents: 3, staff_satisfaction_satisfied: 3 - i })),
      ...(other ? [{ service_id: other.id, organisation_id: cardiff, running_costs_pence: 250_000, users_completed_training: null, user_training_sessions: 2, users_accessing_training: 9, staff_satisfaction_respondents: null, staff_satisfaction_satisfied: null }] : []),
    ]
    for (const a of activity) {
      await trx.insertInto('activity_returns').values({ ...a, period_from: periods.year.from, period_to: periods.year.to }).execute()
      written++
    }
    const connections = await trx
      .selectFrom('connections')
      .select('id')
      .where('organisation_id', 'in', [cardiff, gwynedd])
      .where('travel_distance_km', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    for (const [i, c] of connections.entries()) {
      const trip = trips[i % trips.length] as (typeof trips)[number]
      await trx.updateTable('connections').set({ travel_mode: trip.mode, travel_distance_km: trip.km, travel_distance_source: 'entered' }).where('id', '=', c.id).execute()
    }
  })
  return written
}
