import { type Kysely, sql } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

/** The demo provider's two teams, and who is in them (issue 7): Rhian (practitioner@) North, Siân (teamlead@) South. */
export const demoTeams = [
  { name: 'North', nameCy: 'Gogledd', members: ['practitioner@demo.cyswllt.test'] },
  { name: 'South', nameCy: 'De', members: ['teamlead@demo.cyswllt.test'] },
] as const
const DEMO_PROVIDER = 'Cardiff and Vale Community Connectors'

/**
 * Adds the demo teams when they are missing and puts the demo caseworkers in them when they have no team yet, so
 * it can run on every start (on a database loaded before teams existed too). Returns how many teams it added.
 */
export async function loadTeamDemo(db: Kysely<DB>): Promise<number> {
  const provider = await db.selectFrom('organisations').select('id').where('name', '=', DEMO_PROVIDER).executeTakeFirst()
  if (!provider) return 0
  let added = 0
  await db.transaction().execute(async (trx) => {
    for (const team of demoTeams) {
      let found = await trx.selectFrom('teams as t').select('t.id').where('t.organisation_id', '=', provider.id).where(sql<boolean>`lower(t.name) = lower(${team.name})`).executeTakeFirst()
      if (!found) {
        found = await trx.insertInto('teams').values({ organisation_id: provider.id, name: team.name, name_cy: team.nameCy }).returning('id').executeTakeFirstOrThrow()
        added += 1
      }
      await trx
        .updateTable('users')
        .set({ team_id: found.id })
        .where('email', 'in', [...team.members])
        .where('organisation_id', '=', provider.id)
        .where('team_id', 'is', null)
        .execute()
    }
  })
  return added
}
