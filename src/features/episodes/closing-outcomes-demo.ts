import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { columnsOf, notAsked } from './closing-outcomes-rules.js'
import type { ClosingOutcomeAnswers } from './closing-outcomes-schema.js'

/*
 * What the demo journey's people said changed when their episodes closed (demo-journey-people-closed.ts): Peter
 * (goals met) and Lowri (goals met, a carer) answered most questions; Kevin disengaged and was asked nothing, so he
 * has no row. Loaded once: nothing is written when any demo episode already has answers.
 */
const said: Record<string, Partial<ClosingOutcomeAnswers>> = {
  Peter: {
    learntSkills: 'yes',
    knowsSupport: 'yes',
    startedVolunteering: 'no',
    benefitsIncome: 'no_change',
    medication: 'reduced',
    statutoryGap: 'no',
  },
  Lowri: {
    learntSkills: 'no',
    knowsSupport: 'yes',
    startedVolunteering: 'not_known',
    employment: 'more_hours',
    medication: 'no_change',
    statutoryGap: 'yes',
    carersAssessment: 'yes',
    carerSupportsAccess: 'no',
  },
}

/** Loads the answers for the demo's closed episodes; returns how many episodes it wrote answers for. */
export async function loadClosingOutcomesDemo(db: Kysely<DB>): Promise<number> {
  const closed = await db
    .selectFrom('episodes as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('users as u', 'u.id', 'e.practitioner_id')
    .select(['e.id', 'e.person_id', 'e.organisation_id', 'e.ended_at', 'e.practitioner_id', 'p.given_name'])
    .where('u.email', 'like', `%@${DEMO_DOMAIN}`)
    .where('e.status', '=', 'closed')
    .where('p.given_name', 'in', Object.keys(said))
    .execute()
  if (closed.length === 0) return 0
  const already = await db
    .selectFrom('episode_closing_outcomes as o')
    .select('o.episode_id')
    .where('o.episode_id', 'in', closed.map((e) => e.id))
    .limit(1)
    .executeTakeFirst()
  if (already) return 0
  await db.transaction().execute(async (trx) => {
    for (const e of closed) {
      const at = e.ended_at ?? new Date()
      await trx
        .insertInto('episode_closing_outcomes')
        .values({
          episode_id: e.id,
          person_id: e.person_id,
          organisation_id: e.organisation_id,
          ...columnsOf({ ...notAsked(), ...said[e.given_name] }),
          recorded_by: e.practitioner_id,
          recorded_at: at,
          updated_at: at,
        })
        .execute()
    }
  })
  return closed.length
}
