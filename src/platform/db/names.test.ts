import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { loadDemoData } from '../../features/demo/demo-data.js'
import { lookedUp, organisationName, userName } from './names.js'

/*
 * The names read as subqueries (ADR 0023) must give exactly what the left joins they replaced gave: the name when
 * the reference is set and found, null when it is null or (for a dangling id, which foreign keys forbid) not found.
 */
for (const kind of databaseKinds()) {
  describe(`names read as subqueries (${kind})`, () => {
    let test: TestDatabase
    before(async () => {
      test = await openTestDatabase(kind)
      await loadDemoData(test.database.db, 'names-test-password')
    })
    after(() => test.dispose())

    it('give what a left join gives, for a reference found, missing and null', async () => {
      const db = test.database.db
      const user = await db.selectFrom('users').select(['id', 'name']).orderBy('email').executeTakeFirstOrThrow()
      const organisation = await db.selectFrom('organisations').select(['id', 'name', 'name_cy']).orderBy('name').executeTakeFirstOrThrow()
      const references = [user.id, organisation.id, randomUUID(), null]
      const values = sql.join(references.map((id, at) => sql`(${at}::int, ${id}::uuid)`))
      const { rows } = await sql<Record<string, string | null>>`
        select ${userName('v.ref')} as user_looked, u.name as user_joined,
          ${organisationName('v.ref')} as organisation_looked, o.name as organisation_joined,
          ${organisationName('v.ref', 'name_cy')} as welsh_looked, o.name_cy as welsh_joined,
          ${lookedUp<string>('organisations', 'type', 'v.ref')} as type_looked, o.type as type_joined
        from (values ${values}) as v(at, ref)
        left join users u on u.id = v.ref left join organisations o on o.id = v.ref
        order by v.at`.execute(db)
      assert.equal(rows.length, references.length)
      for (const row of rows)
        for (const what of ['user', 'organisation', 'welsh', 'type'])
          assert.equal(row[`${what}_looked`], row[`${what}_joined`], `${what}: ${JSON.stringify(row)}`)
      assert.deepEqual(
        rows.map((r) => [r.user_looked, r.organisation_looked, r.welsh_looked]),
        [
          [user.name, null, null],
          [null, organisation.name, organisation.name_cy],
          [null, null, null],
          [null, null, null],
        ],
      )
    })
  })
}
