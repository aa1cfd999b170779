import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { answeredCount, estimatedMinutes, itemNumber, readItemAnswer, resumeAt, todayInWales } from './flow.js'

const items = [{ id: 'swemwbs_1' }, { id: 'swemwbs_2' }, { id: 'swemwbs_3' }]
const options = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }))

describe('answering a measure through a link (issue 6 §2)', () => {
  it('resumes at the first item not reached, counting an item left out as reached', () => {
    assert.equal(resumeAt(items, {}), 1)
    assert.equal(resumeAt(items, { swemwbs_1: 4 }), 2)
    assert.equal(resumeAt(items, { swemwbs_1: 4, swemwbs_2: null }), 3)
    assert.equal(resumeAt(items, { swemwbs_1: 4, swemwbs_3: 2 }), 2)
    assert.equal(resumeAt(items, { swemwbs_1: 4, swemwbs_2: null, swemwbs_3: 2 }), 'check')
  })

  it('reads an item number only when it names one of the items', () => {
    assert.equal(itemNumber('1', 7), 1)
    assert.equal(itemNumber('7', 7), 7)
    for (const bad of ['0', '8', '01', '-1', '1.5', 'x', '', '1e1']) assert.equal(itemNumber(bad, 7), null, bad)
  })

  it("keeps a choice in the option's own type, takes no choice as left out, and refuses what was not offered", () => {
    assert.deepEqual(readItemAnswer({ options }, '3'), { ok: true, value: 3 })
    assert.deepEqual(readItemAnswer({ options: [{ value: 'often', label: 'Often' }] }, 'often'), { ok: true, value: 'often' })
    assert.deepEqual(readItemAnswer({ options }, undefined), { ok: true, value: null })
    assert.deepEqual(readItemAnswer({ options }, ''), { ok: true, value: null })
    for (const bad of ['6', '0', '3.0', ' 3', 'often', ['3', '4']]) assert.deepEqual(readItemAnswer({ options }, bad), { ok: false }, String(bad))
  })

  it('promises about 20 seconds an item, at least 2 minutes', () => {
    assert.equal(estimatedMinutes(1), 2)
    assert.equal(estimatedMinutes(7), 3)
    assert.equal(estimatedMinutes(14), 5)
  })

  it('counts answers and items left out among the items asked', () => {
    assert.deepEqual(answeredCount(items, { swemwbs_1: 4, swemwbs_2: null, other: 1 }), { answered: 1, leftOut: 1 })
  })

  it("dates a completion by the day in Wales, not in UTC", () => {
    assert.equal(todayInWales(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(todayInWales(new Date('2026-12-31T23:30:00Z')), '2026-12-31')
  })
})
