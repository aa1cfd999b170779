import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { change, tally, validateAction, validateRatings } from './rules.js'

const user = '00000000-0000-4000-8000-000000000001'
const context = { assessedOn: '2026-11-02', today: '2026-12-04', organisationUserIds: new Set([user]) }

describe('ratings', () => {
  it('accepts known statements with a rating, trimming evidence', () => {
    const out = validateRatings([{ statementId: 'S1.26', rating: 'fully', evidence: '  notes ' }, { statementId: 'E.91', rating: 'partly' }])
    assert.deepEqual(out, { ok: true, value: [{ statementId: 'S1.26', rating: 'fully', evidence: 'notes' }, { statementId: 'E.91', rating: 'partly', evidence: null }] })
  })
  it('refuses an unknown statement, a repeated one, an unknown rating and long evidence', () => {
    const out = validateRatings([
      { statementId: 'S1.25', rating: 'fully' },
      { statementId: 'S1.26', rating: 'fully' },
      { statementId: 'S1.26', rating: 'partly' },
      { statementId: 'S1.27', rating: 'mostly' },
      { statementId: 'S1.28', rating: 'partly', evidence: 'x'.repeat(4001) },
    ])
    assert.equal(out.ok, false)
    assert.deepEqual(!out.ok && out.errors.map((e) => e.key.split('.').pop()), ['statementUnknown', 'statementUnknown', 'ratingInvalid', 'evidenceTooLong'])
    assert.equal(validateRatings([{ statementId: 'S1.28', rating: 'partly', evidence: 'x'.repeat(4000) }]).ok, true)
    assert.equal(validateRatings('fully').ok, false)
  })
})

describe('actions', () => {
  const good = { statementId: 'S6.81', action: 'Offer every first conversation in Welsh', ownerUserId: user, dueOn: '2027-01-31' }
  it('accepts an action owned by a user of the organisation or by a name', () => {
    assert.deepEqual(validateAction(good, context), { ok: true, value: { statementId: 'S6.81', action: 'Offer every first conversation in Welsh', ownerUserId: user, ownerName: null, dueOn: '2027-01-31', status: 'open', doneOn: null } })
    const named = validateAction({ statementId: 'E.91', action: 'Induction', ownerName: 'Siân Evans' }, context)
    assert.equal(named.ok && named.value.ownerName, 'Siân Evans')
  })
  it('refuses a due date before the assessment, an owner from elsewhere, no owner, both owners', () => {
    const keys = (body: Record<string, unknown>) => {
      const out = validateAction(body, context)
      return out.ok ? [] : out.errors.map((e) => e.key.split('.').pop())
    }
    assert.deepEqual(keys({ ...good, dueOn: '2026-11-01' }), ['dueOnBeforeAssessment'])
    assert.deepEqual(keys({ ...good, dueOn: '2026-11-02' }), [])
    assert.deepEqual(keys({ ...good, ownerUserId: '00000000-0000-4000-8000-000000000002' }), ['ownerNotInOrganisation'])
    assert.deepEqual(keys({ ...good, ownerUserId: undefined }), ['ownerMissing'])
    assert.deepEqual(keys({ ...good, ownerName: 'Siân' }), ['ownerBoth'])
    assert.deepEqual(keys({ ...good, ownerUserId: undefined, ownerName: 'x'.repeat(121) }), ['ownerNameTooLong'])
    assert.deepEqual(keys({ ...good, statementId: 'S7.1', action: ' ', dueOn: '2026-02-30' }), ['statementUnknown', 'actionMissing', 'dueOnInvalid'])
    assert.deepEqual(keys({ ...good, action: 'x'.repeat(501) }), ['actionTooLong'])
    assert.deepEqual(keys({ ...good, status: 'closed' }), ['actionStatusInvalid'])
  })
  it('dates a done action today unless told, within the assessment and today', () => {
    const done = validateAction({ ...good, status: 'done' }, context)
    assert.equal(done.ok && done.value.doneOn, '2026-12-04')
    assert.equal(validateAction({ ...good, status: 'done', doneOn: '2026-12-05' }, context).ok, false)
    assert.equal(validateAction({ ...good, status: 'done', doneOn: '2026-11-01' }, context).ok, false)
  })
})

describe('tally and change', () => {
  it('counts unrated statements as not started', () => {
    assert.deepEqual(tally(['a', 'b', 'c', 'd'], new Map([['a', 'fully'], ['b', 'partly'], ['c', 'fully']] as const)), { fully: 2, partly: 1, not_started: 1 })
  })
  it('says whether a statement got better or worse', () => {
    assert.equal(change(undefined, 'partly'), 'better')
    assert.equal(change('fully', 'partly'), 'worse')
    assert.equal(change('not_started', undefined), 'same')
  })
})
