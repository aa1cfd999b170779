import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateReallocation } from './reallocate.js'

describe('reallocation choice', () => {
  const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']
  it('takes only another active practitioner of the organisation', () => {
    assert.deepEqual(validateReallocation({ practitionerId: ids[1] }, ids, ids[0] as string).errors, [])
    assert.equal(validateReallocation({}, ids, null).errors[0]?.key, 'caseload.errors.practitionerMissing')
    assert.equal(
      validateReallocation({ practitionerId: '33333333-3333-4333-8333-333333333333' }, ids, null).errors[0]?.key,
      'caseload.errors.practitionerInvalid',
    )
    assert.equal(
      validateReallocation({ practitionerId: ids[0] }, ids, ids[0] as string).errors[0]?.key,
      'caseload.errors.samePractitioner',
    )
  })
})
