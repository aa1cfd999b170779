import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkMove, isOpen, moves, nextStatuses, startingStatus, terminalStatuses } from './lifecycle.js'
import type { ConnectionState } from './lifecycle.js'
import { connectionStatuses } from './schema.js'

const referral = (status: ConnectionState['status'], attendedBefore = false): ConnectionState => ({ status, kind: 'referral', attendedBefore })

describe('connection lifecycle', () => {
  it('starts each kind in its own status', () => {
    assert.deepEqual(startingStatus, { signpost: 'signposted', referral: 'referred', supported_introduction: 'introduced' })
  })

  it('lets only the asset accept, decline or waitlist a referral', () => {
    assert.deepEqual(nextStatuses(referral('referred'), 'asset'), ['accepted', 'declined', 'waitlisted', 'withdrew'])
    assert.deepEqual(nextStatuses(referral('referred'), 'practitioner'), ['withdrew'])
    assert.deepEqual(checkMove(referral('referred'), 'accepted', 'practitioner'), { ok: false, code: 'invalid_transition' })
    assert.deepEqual(checkMove(referral('referred'), 'accepted', 'asset'), { ok: true })
  })

  it('needs a reason to decline and 1 to 104 weeks to waitlist', () => {
    assert.deepEqual(checkMove(referral('referred'), 'declined', 'asset'), { ok: false, code: 'reason_required' })
    assert.deepEqual(checkMove(referral('referred'), 'declined', 'asset', { reason: '   ' }), { ok: false, code: 'reason_required' })
    assert.deepEqual(checkMove(referral('referred'), 'declined', 'asset', { reason: 'Full until spring' }), { ok: true })
    for (const weeks of [null, 0, 105, 2.5]) assert.deepEqual(checkMove(referral('referred'), 'waitlisted', 'asset', { weeks }), { ok: false, code: 'weeks_required' })
    assert.deepEqual(checkMove(referral('referred'), 'waitlisted', 'asset', { weeks: 6 }), { ok: true })
  })

  it('moves a waitlisted referral on only to accepted, declined or withdrew', () => {
    assert.deepEqual(nextStatuses(referral('waitlisted'), 'asset'), ['accepted', 'declined', 'withdrew'])
    assert.equal(checkMove(referral('waitlisted'), 'first_attended', 'asset').ok, false)
  })

  it('records a first attendance once, then attendances, non-attendance and the end', () => {
    assert.deepEqual(nextStatuses(referral('accepted'), 'asset'), ['first_attended', 'did_not_attend', 'withdrew'])
    assert.deepEqual(nextStatuses(referral('first_attended', true), 'asset'), ['attending', 'did_not_attend', 'completed', 'disengaged', 'withdrew'])
    assert.deepEqual(nextStatuses(referral('attending', true), 'asset'), ['attending', 'did_not_attend', 'completed', 'disengaged', 'withdrew'])
    // Missed the first session: the next attendance is the first; missed a later one: it is 'attending'.
    assert.deepEqual(nextStatuses(referral('did_not_attend', false), 'asset'), ['first_attended', 'did_not_attend', 'disengaged', 'withdrew'])
    assert.deepEqual(nextStatuses(referral('did_not_attend', true), 'asset'), ['attending', 'did_not_attend', 'disengaged', 'withdrew'])
    assert.equal(checkMove(referral('accepted'), 'completed', 'asset').ok, false)
  })

  it('ends at declined, completed, disengaged and withdrew, from which nothing moves', () => {
    for (const status of terminalStatuses) {
      assert.equal(isOpen(status), false)
      for (const side of ['asset', 'practitioner'] as const) assert.deepEqual(nextStatuses(referral(status, true), side), [])
    }
    assert.equal(isOpen('waitlisted'), true)
  })

  it('gives the asset no say over signposts and supported introductions', () => {
    for (const kind of ['signpost', 'supported_introduction'] as const) {
      for (const status of connectionStatuses) assert.deepEqual(nextStatuses({ status, kind, attendedBefore: false }, 'asset'), [])
    }
    assert.deepEqual(nextStatuses({ status: 'signposted', kind: 'signpost', attendedBefore: false }, 'practitioner'), ['first_attended', 'did_not_attend', 'withdrew'])
    assert.deepEqual(nextStatuses({ status: 'introduced', kind: 'supported_introduction', attendedBefore: false }, 'practitioner'), ['first_attended', 'did_not_attend', 'withdrew'])
  })

  it('lists a row for every status and moves only to known statuses', () => {
    assert.deepEqual(Object.keys(moves).sort(), [...connectionStatuses].sort())
    for (const targets of Object.values(moves)) for (const to of Object.keys(targets)) assert.ok((connectionStatuses as readonly string[]).includes(to), to)
    assert.equal(checkMove(referral('suggested'), 'referred', 'practitioner').ok, true)
    assert.equal(checkMove(referral('suggested'), 'accepted', 'practitioner').ok, false)
  })
})
