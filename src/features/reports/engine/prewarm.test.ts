import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { prewarmFilters } from './prewarm.js'

describe('the reports a server builds as it starts (ADR 0021)', () => {
  it('are this financial year to today, as the report page opens, and the last whole financial year', () => {
    assert.deepEqual(prewarmFilters('2026-12-05'), [
      { from: '2026-04-01', to: '2026-12-05', where: {} },
      { from: '2025-04-01', to: '2026-03-31', where: {} },
    ])
    // Before 1 April the financial year is the one that started the April before.
    assert.deepEqual(prewarmFilters('2027-02-14'), [
      { from: '2026-04-01', to: '2027-02-14', where: {} },
      { from: '2025-04-01', to: '2026-03-31', where: {} },
    ])
    assert.deepEqual(prewarmFilters('2026-04-01')[0], { from: '2026-04-01', to: '2026-04-01', where: {} })
  })
})

// Over a database: cache.test.ts, whose fixture it shares (a database of its own per file costs seconds of CI).
