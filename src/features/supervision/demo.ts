import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { insertAction, insertReflection, insertSession } from './repository.js'

/*
 * Supervision in the demo (issue 8 §6): two sessions for Rhian (practitioner@) with Siân, the team lead, as her
 * supervisor; one agreed action done and one still open; a reflective note by Rhian, which only she and Siân see.
 * Loaded once: nothing is added when Rhian already has a session.
 */

const DAY = 86_400_000
const isoDay = (at: Date) => at.toISOString().slice(0, 10)

/** Loads the demo's supervision sessions once; returns how many sessions it wrote. */
export async function loadSupervisionDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const user = (who: string) => db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', `${who}@${DEMO_DOMAIN}`).executeTakeFirst()
  const rhian = await user('practitioner')
  const sian = await user('teamlead')
  if (!rhian || !sian) return 0
  const existing = await db.selectFrom('supervision_sessions').select('id').where('supervisee_id', '=', rhian.id).executeTakeFirst()
  if (existing) return 0
  return db.transaction().execute(async (trx) => {
    const first = await insertSession(trx, rhian.organisation_id, sian.id, {
      superviseeId: rhian.id,
      supervisorId: sian.id,
      heldOn: isoDay(new Date(now.getTime() - 56 * DAY)),
      kind: 'one_to_one',
      topics: ['caseload', 'boundaries', 'training'],
      topicsNote: 'Caseload at 31 people; agreed to close two long episodes with a planned ending.',
    })
    const booked = await insertAction(trx, first, { description: 'Book a place on the trauma-informed practice course', ownerId: rhian.id, dueOn: isoDay(new Date(now.getTime() - 28 * DAY)) })
    await trx
      .updateTable('supervision_actions')
      .set({ status: 'done', done_on: isoDay(new Date(now.getTime() - 30 * DAY)), follow_up_note: 'Booked for the spring cohort.' })
      .where('id', '=', booked)
      .execute()
    const second = await insertSession(trx, rhian.organisation_id, sian.id, {
      superviseeId: rhian.id,
      supervisorId: sian.id,
      heldOn: isoDay(new Date(now.getTime() - 7 * DAY)),
      kind: 'one_to_one',
      topics: ['wellbeing', 'reflective_practice', 'safeguarding'],
      topicsNote: null,
    })
    await insertAction(trx, second, { description: 'Arrange a debrief with the safeguarding lead after the concern raised last month', ownerId: sian.id, dueOn: isoDay(new Date(now.getTime() + 14 * DAY)) })
    await insertReflection(trx, second, rhian.id, 'Talking through the safeguarding concern helped me see I acted in time. I want to get better at ending support without feeling I am letting people down.')
    return 2
  })
}
