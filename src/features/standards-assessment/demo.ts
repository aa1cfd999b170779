import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN, demoOrganisations } from '../demo/demo-data.js'
import { todayInWales } from '../what-matters/dates.js'
import type { StandardRating } from './schema.js'
import { statementIds } from './standards.js'

/*
 * A demo self-assessment (issue 8 §6): the Cardiff provider's complete assessment of about two months ago, every
 * statement rated (invented ratings, mostly fully or partly met, Welsh language and environmental sustainability
 * weakest), a little evidence, and a few actions, one of them done. Loaded once.
 */

/** The invented rating of each statement: the weak spots a provider might honestly own to. */
export function demoRating(statementId: string, index: number): StandardRating {
  if (statementId.startsWith('S6.') || ['E.88', 'E.90'].includes(statementId)) return index % 2 ? 'not_started' : 'partly'
  return index % 3 === 2 ? 'partly' : 'fully'
}

const evidence: Record<string, string> = {
  'S1.27': 'What Matters conversations recorded for every person; checked in monthly supervision.',
  'S3.52': 'DBS checks held for all five practitioners and the two volunteers.',
  'S6.81': 'The Active Offer is made at first contact; one practitioner is a Welsh speaker.',
  'E.93': 'Each practitioner has a self-assessment against the Competence Framework.',
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export async function loadStandardsDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const cardiffName = demoOrganisations.find((o) => o.key === 'cardiff')?.name
  const cardiff = cardiffName ? await db.selectFrom('organisations').select('id').where('name', '=', cardiffName).executeTakeFirst() : undefined
  if (!cardiff) return 0
  const already = await db.selectFrom('standards_assessments').select('id').where('organisation_id', '=', cardiff.id).limit(1).executeTakeFirst()
  if (already) return 0
  const people = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', [`teamlead@${DEMO_DOMAIN}`, `practitioner@${DEMO_DOMAIN}`]).execute()
  const idOf = (who: string) => people.find((p) => p.email === `${who}@${DEMO_DOMAIN}`)?.id ?? null
  const assessedOn = addDays(todayInWales(now), -60)
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('standards_assessments').values({ organisation_id: cardiff.id, assessed_on: assessedOn, status: 'complete', completed_by: idOf('teamlead') }).returning('id').executeTakeFirstOrThrow()
    await trx
      .insertInto('standards_ratings')
      .values(statementIds.map((statementId, i) => ({ assessment_id: id, statement_id: statementId, rating: demoRating(statementId, i), evidence: evidence[statementId] ?? null })))
      .execute()
    const actions = [
      { statement_id: 'S6.81', action: 'Offer every first conversation in Welsh and record the language chosen.', owner_user_id: idOf('teamlead'), owner_name: null, due_on: addDays(assessedOn, 90), status: 'open' as const, done_on: null },
      { statement_id: 'E.90', action: 'Estimate the carbon footprint of practitioners’ travel each quarter.', owner_user_id: idOf('practitioner'), owner_name: null, due_on: addDays(assessedOn, 120), status: 'open' as const, done_on: null },
      { statement_id: 'S3.51', action: 'Book safeguarding refresher training for the new volunteers.', owner_user_id: null, owner_name: 'Volunteer coordinator', due_on: addDays(assessedOn, 30), status: 'done' as const, done_on: addDays(assessedOn, 21) },
    ]
    await trx.insertInto('standards_actions').values(actions.map((a) => ({ assessment_id: id, ...a }))).execute()
    return 1 + statementIds.length + actions.length
  })
}
