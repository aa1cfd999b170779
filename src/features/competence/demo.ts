import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { type AreaId, areaIds, type Rating } from './areas.js'
import { insertPlanItem, insertSitting } from './repository.js'

/*
 * Self-assessment in the demo (issue 8 §2, §5): the demo practitioner has two sittings (so the history shows change)
 * with a gap in 3.2 (knowledge of community assets) and a plan item for it; the team lead has one sitting. Loaded
 * once: nothing is added for a user who has a sitting already.
 */

const DAY = 86_400_000
const isoDay = (at: Date) => at.toISOString().slice(0, 10)

/** Varied ratings: mostly competent, some developing, a few can support others, 3.2 not yet; 6.2 left unrated. */
function demoRatings(variant: 'earlier' | 'latest' | 'lead'): { areaId: AreaId; rating: Rating; evidence: string | null }[] {
  const ratingOf = (id: AreaId, i: number): Rating | null => {
    if (id === '6.2' && variant !== 'lead') return null
    if (id === '3.2') return variant === 'lead' ? 'competent' : 'not_yet'
    if (variant === 'lead') return i % 4 === 0 ? 'can_support_others' : 'competent'
    if (['1.6', '2.6', '5.2a'].includes(id)) return variant === 'earlier' ? 'not_yet' : 'developing'
    if (variant === 'earlier' && i % 5 === 0) return 'developing'
    return i % 7 === 3 ? 'can_support_others' : 'competent'
  }
  return areaIds.flatMap((areaId, i) => {
    const rating = ratingOf(areaId, i)
    if (!rating) return []
    const evidence =
      areaId === '3.2'
        ? 'New to the area: I rely on the directory and colleagues for what is running locally.'
        : areaId === '4.1' && variant !== 'earlier'
          ? 'Observed conversations in supervision; feedback from people supported.'
          : null
    return [{ areaId, rating, evidence }]
  })
}

/** Loads the demo's self-assessments and plan item once; returns how many sittings it wrote. */
export async function loadCompetenceDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const users = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.organisation_id', 'u.email'])
    .where('u.email', 'in', [`practitioner@${DEMO_DOMAIN}`, `teamlead@${DEMO_DOMAIN}`])
    .execute()
  let written = 0
  for (const user of users) {
    const had = await db.selectFrom('competence_self_assessments as a').select('a.id').where('a.user_id', '=', user.id).executeTakeFirst()
    if (had) continue
    const owner = { userId: user.id, organisationId: user.organisation_id }
    await db.transaction().execute(async (trx) => {
      if (user.email.startsWith('practitioner@')) {
        await insertSitting(trx, owner, { assessedOn: isoDay(new Date(now.getTime() - 180 * DAY)), ratings: demoRatings('earlier') })
        await insertSitting(trx, owner, { assessedOn: isoDay(new Date(now.getTime() - 14 * DAY)), ratings: demoRatings('latest') })
        await insertPlanItem(trx, owner, {
          areaId: '3.2',
          action: 'Spend a day with the community connector visiting groups in the cluster, and add what I learn to the directory.',
          dueOn: isoDay(new Date(now.getTime() + 60 * DAY)),
          status: 'in_progress',
        })
        written += 2
      } else {
        await insertSitting(trx, owner, { assessedOn: isoDay(new Date(now.getTime() - 30 * DAY)), ratings: demoRatings('lead') })
        written += 1
      }
    })
  }
  return written
}
