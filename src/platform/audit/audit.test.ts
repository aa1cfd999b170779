import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { audit, type AuditContext, auditsTogether } from './audit.js'

const context: AuditContext = {
  actorUserId: null,
  organisationId: null,
  requestId: 'audit-test',
  clientAddress: '127.0.0.1',
}

for (const kind of databaseKinds()) {
  describe(`audit rows written together (${kind})`, () => {
    let test: TestDatabase
    before(async () => {
      test = await openTestDatabase(kind)
    })
    after(() => test.dispose())

    const rowsOf = (recordId: string) =>
      test.database.db
        .selectFrom('audit_events')
        .select(['action', 'detail'])
        .where('record_id', '=', recordId)
        .orderBy('id')
        .execute()

    it('writes every audit of the work in one statement at its end, inside the transaction, in the order made', async () => {
      const db = test.database.db
      const recordId = randomUUID()
      const seenInside = await db.transaction().execute((trx) =>
        auditsTogether(trx, async () => {
          await audit(trx, context, { action: 'person.view', recordType: 'person', recordId })
          await audit(trx, context, { action: 'contact.list', recordType: 'person', recordId, detail: { count: 3 } })
          // Nested: the inner work's audits join the outer's statement.
          await auditsTogether(trx, () =>
            audit(trx, context, { action: 'measure.list', recordType: 'person', recordId }),
          )
          return (await trx.selectFrom('audit_events').select('id').where('record_id', '=', recordId).execute()).length
        }),
      )
      assert.equal(seenInside, 0, 'kept until the work has finished')
      const rows = await rowsOf(recordId)
      assert.deepEqual(
        rows.map((r) => r.action),
        ['person.view', 'contact.list', 'measure.list'],
      )
      assert.deepEqual(rows[1]?.detail, { count: 3 })
    })

    it('writes nothing when the work fails, and audits one by one again afterwards', async () => {
      const db = test.database.db
      const recordId = randomUUID()
      await assert.rejects(
        db.transaction().execute((trx) =>
          auditsTogether(trx, async () => {
            await audit(trx, context, { action: 'person.view', recordType: 'person', recordId })
            throw new Error('a section failed')
          }),
        ),
        /a section failed/,
      )
      assert.deepEqual(await rowsOf(recordId), [])
      await db.transaction().execute(async (trx) => {
        await auditsTogether(trx, async () => undefined)
        await audit(trx, context, { action: 'person.view', recordType: 'person', recordId })
        assert.equal(
          (await trx.selectFrom('audit_events').select('id').where('record_id', '=', recordId).execute()).length,
          1,
          'written at once outside auditsTogether',
        )
      })
    })
  })
}
