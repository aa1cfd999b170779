import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { Rating } from '../competence/areas.js'

/**
 * A team of two practitioners in the demo provider, for tests (the practitioner's own pages fill these tables; here
 * the rows go in directly). Ann: an older sitting competent in 3.3, her latest competent in 3.1, developing in 3.3,
 * not yet in 1.1. Bryn: can support others in 3.2, developing in 3.3. So 3.1 and 3.2 are covered, 3.3 is not.
 * Also in the team: Cai, inactive and competent in 3.3 (must not count), and Dilys, a safeguarding lead only.
 */
export async function seedTwoPractitioners(db: Kysely<DB>, suffix = '') {
  const organisation = async (name: string) => (await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
  const cardiff = await organisation('Cardiff and Vale Community Connectors')
  const gwynedd = await organisation('Gwynedd Community Link')
  const team = async (organisationId: string, name: string, nameCy: string) =>
    (await db.insertInto('teams').values({ organisation_id: organisationId, name, name_cy: nameCy }).returning('id').executeTakeFirstOrThrow()).id
  const teamId = await team(cardiff, `Coverage${suffix}`, `Cwmpas${suffix}`)
  const otherTeamId = await team(gwynedd, `Llŷn${suffix}`, `Llŷn${suffix}`)
  const user = async (name: string, role: 'practitioner' | 'safeguarding_lead', active = true) => {
    const id = (
      await db
        .insertInto('users')
        .values({ organisation_id: cardiff, team_id: teamId, email: `${name.toLowerCase().replace(/\W/g, '')}${suffix}@team.test`, name, active })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await db.insertInto('user_roles').values({ user_id: id, role }).execute()
    return id
  }
  const ann = await user(`Ann Ashby${suffix}`, 'practitioner')
  const bryn = await user(`Bryn Bevan${suffix}`, 'practitioner')
  const cai = await user(`Cai Cadwaladr${suffix}`, 'practitioner', false)
  await user(`Dilys Davies${suffix}`, 'safeguarding_lead')
  const assess = async (userId: string, assessedOn: string, ratings: Record<string, Rating>) => {
    const id = (
      await db.insertInto('competence_self_assessments').values({ user_id: userId, organisation_id: cardiff, assessed_on: assessedOn }).returning('id').executeTakeFirstOrThrow()
    ).id
    await db.insertInto('competence_ratings').values(Object.entries(ratings).map(([area_id, rating]) => ({ assessment_id: id, area_id, rating }))).execute()
    return id
  }
  await assess(ann, '2026-01-10', { '3.3': 'competent' })
  await assess(ann, '2026-06-01', { '3.1': 'competent', '3.3': 'developing', '1.1': 'not_yet' })
  await assess(bryn, '2026-05-02', { '3.2': 'can_support_others', '3.3': 'developing' })
  await assess(cai, '2026-05-03', { '3.3': 'competent' })
  return { cardiff, gwynedd, teamId, otherTeamId, ann, bryn, cai, assess }
}
