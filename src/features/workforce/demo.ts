import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { todayInWales } from '../what-matters/dates.js'
import { deriveFte } from './rules.js'

/*
 * The workforce in the demo (issue 8 §5): records for the Cardiff provider's practitioner, team lead and
 * safeguarding lead; the team lead's DBS check overdue and the safeguarding lead's due within 60 days, so the
 * renewal reminders show; training attended and delivered; two quarters of volunteer counts. Loaded once.
 */

const shift = (day: string, months: number, days = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const at = new Date(Date.UTC(y, m - 1 + months, d + days))
  return at.toISOString().slice(0, 10)
}

/** Loads the demo's workforce once; returns how many rows it wrote (0 when already there or no demo users). */
export async function loadWorkforceDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const today = todayInWales(now)
  const users = await db.selectFrom('users as u').select(['u.id', 'u.email', 'u.organisation_id']).where('u.email', 'in', ['practitioner', 'teamlead', 'safeguarding'].map((n) => `${n}@${DEMO_DOMAIN}`)).execute()
  const who = (name: string) => users.find((u) => u.email === `${name}@${DEMO_DOMAIN}`)
  const practitioner = who('practitioner')
  const lead = who('teamlead')
  const safeguarding = who('safeguarding')
  if (!practitioner || !lead || !safeguarding) return 0
  const already = await db.selectFrom('workforce_records as w').select('w.id').where('w.user_id', 'in', users.map((u) => u.id)).limit(1).executeTakeFirst()
  if (already) return 0
  const organisationId = lead.organisation_id
  let written = 0
  await db.transaction().execute(async (trx) => {
    const record = (userId: string, jobTitle: string, setting: string, hours: number, startDate: string, welshSkill: string) =>
      trx.insertInto('workforce_records').values({ user_id: userId, organisation_id: organisationId, job_title: jobTitle, setting, contracted_hours: hours, fte: deriveFte(hours), start_date: startDate, welsh_skill: welshSkill, updated_by: lead.id }).execute()
    await record(practitioner.id, 'Community connector', 'third_sector', 30, shift(today, -26), 'intermediate')
    await record(lead.id, 'Social prescribing team lead', 'third_sector', 37.5, shift(today, -50), 'advanced')
    await record(safeguarding.id, 'Safeguarding lead', 'local_authority', 15, shift(today, -40), 'entry')
    written += 3
    const dbs = (userId: string, checkedOn: string, level: string) =>
      trx.insertInto('dbs_checks').values({ user_id: userId, organisation_id: organisationId, level, checked_on: checkedOn, renewal_months: 36, created_by: lead.id }).execute()
    await dbs(practitioner.id, shift(today, -14), 'enhanced_barred')
    await dbs(lead.id, shift(today, -37), 'enhanced_barred') // overdue by a month
    await dbs(safeguarding.id, shift(today, -36, 30), 'enhanced') // due in about 30 days
    written += 3
    const training = [
      { kind: 'attended' as const, user_id: practitioner.id, title: 'Motivational interviewing', provider: 'WCVA', held_on: shift(today, 0, -40), hours: 6, targeted: true, competence_area_ids: ['2.1', '2.2'] },
      { kind: 'attended' as const, user_id: practitioner.id, title: 'Recording the Core Data Set', provider: 'Cyswllt', held_on: shift(today, 0, -20), hours: 2, data_collection: true, competence_area_ids: ['6.1'] },
      { kind: 'attended' as const, user_id: lead.id, title: 'Safeguarding adults group B', provider: 'Cardiff Council', held_on: shift(today, 0, -60), hours: 7 },
      { kind: 'delivered' as const, user_id: null, attendees: 9, title: 'What matters conversations for volunteers', provider: null, held_on: shift(today, 0, -30), hours: 3 },
      { kind: 'attended' as const, user_id: safeguarding.id, title: 'Welsh for work: entry', provider: 'National Centre for Learning Welsh', status: 'planned' as const, held_on: shift(today, 0, 21), hours: 20 },
    ]
    for (const t of training) await trx.insertInto('training_records').values({ organisation_id: organisationId, created_by: lead.id, ...t }).execute()
    written += training.length
    for (const [from, to, volunteers, hours] of [
      [shift(today, -6), shift(today, -3, -1), 12, 310],
      [shift(today, -3), shift(today, 0, -1), 14, 355],
    ] as const) {
      await trx.insertInto('volunteer_counts').values({ organisation_id: organisationId, period_from: from, period_to: to, volunteers, hours, created_by: lead.id }).execute()
      written += 1
    }
    await trx.insertInto('audit_events').values({ action: 'demo_data.load', detail: JSON.stringify({ part: 'workforce', rows: written }) }).execute()
  })
  return written
}
