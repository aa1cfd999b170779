import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { areaIds } from './areas.js'
import { areasByDomain, changesOf, currentRatings, gapsOf, proposedPlan, ratingsFromForm, validateAssessment, validatePlanItem } from './rules.js'

const today = '2026-06-15'

describe('competence rules', () => {
  it('gapsOf: areas rated not yet or developing, and areas never rated, in the framework order', () => {
    const gaps = gapsOf(
      new Map(
        areaIds.map((id) => [id, id === '3.2' ? 'not_yet' : id === '1.2b' ? 'developing' : id === '7.1' ? 'can_support_others' : 'competent'] as const),
      ),
    )
    assert.deepEqual(gaps, [
      { areaId: '1.2b', rating: 'developing' },
      { areaId: '3.2', rating: 'not_yet' },
    ])
    const partial = gapsOf({ '1.1': 'competent', '2.1': 'developing' })
    assert.equal(partial.length, 30, 'the 29 unrated areas and 2.1')
    assert.deepEqual(partial[0], { areaId: '1.2a', rating: null })
    assert.deepEqual(partial.find((g) => g.areaId === '2.1'), { areaId: '2.1', rating: 'developing' })
    assert.equal(gapsOf(new Map()).length, 31, 'never assessed: every area is a gap')
  })

  it('proposedPlan: one per gap area without an open item; a done item does not cover a gap', () => {
    const gaps = gapsOf(new Map(areaIds.map((id) => [id, ['3.2', '4.1', '6.2'].includes(id) ? 'developing' : 'competent'] as const)))
    const proposed = proposedPlan(gaps, [
      { areaId: '3.2', status: 'in_progress' },
      { areaId: '4.1', status: 'done' },
      { areaId: '1.1', status: 'planned' },
    ])
    assert.deepEqual(
      proposed.map((g) => g.areaId),
      ['4.1', '6.2'],
    )
    assert.deepEqual(proposedPlan([], [{ areaId: '1.1', status: 'planned' }]), [])
  })

  it('validateAssessment: a partly-filled sitting is fine; bad ratings, dates and evidence are refused', () => {
    const ok = validateAssessment({ assessedOn: '2026-06-01', ratings: [{ areaId: '3.2', rating: 'not_yet', evidence: '  ' }, { areaId: '1.1', rating: 'competent', evidence: 'Led a session' }] }, today)
    assert.deepEqual(ok, {
      ok: true,
      value: {
        assessedOn: '2026-06-01',
        ratings: [
          { areaId: '3.2', rating: 'not_yet', evidence: null },
          { areaId: '1.1', rating: 'competent', evidence: 'Led a session' },
        ],
      },
    })
    const keys = (raw: Record<string, unknown>) => {
      const r = validateAssessment(raw, today)
      return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.key.split('.').pop()}`)
    }
    assert.deepEqual(keys({ assessedOn: '2026-06-16', ratings: [{ areaId: '1.1', rating: 'competent' }] }), ['assessedOn:assessedOnFuture'])
    assert.deepEqual(keys({ assessedOn: '2014-12-31', ratings: [{ areaId: '1.1', rating: 'competent' }] }), ['assessedOn:assessedOnTooEarly'])
    assert.deepEqual(keys({ assessedOn: '2026-02-30', ratings: [{ areaId: '1.1', rating: 'competent' }] }), ['assessedOn:assessedOnInvalid'])
    assert.deepEqual(keys({ ratings: [{ areaId: '1.1', rating: 'expert' }] }), ['assessedOn:assessedOnMissing', 'rating-1-1:ratingUnknown'])
    assert.deepEqual(keys({ assessedOn: today, ratings: [] }), ['ratings:noRatings'])
    assert.deepEqual(keys({ assessedOn: today, ratings: [{ areaId: '8.1', rating: 'competent' }] }), ['ratings:areaUnknown'])
    assert.deepEqual(keys({ assessedOn: today, ratings: [{ areaId: '5.2a', rating: '', evidence: 'x' }] }), ['rating-5-2a:ratingForEvidence'])
    assert.deepEqual(keys({ assessedOn: today, ratings: [{ areaId: '2.1', rating: 'competent', evidence: 'x'.repeat(4001) }] }), ['evidence-2-1:evidenceTooLong'])
    assert.deepEqual(keys({ assessedOn: today, ratings: [{ areaId: '2.1', rating: 'competent', evidence: 'x'.repeat(4000) }] }), [])
    assert.deepEqual(keys({ 'assessedOn-day': '1', 'assessedOn-month': '6', 'assessedOn-year': '2026', ratings: [{ areaId: '2.1', rating: 'competent' }] }), [])
  })

  it('ratingsFromForm reads the page fields; areasByDomain groups the 31 areas into the 7 domains', () => {
    assert.deepEqual(ratingsFromForm({ 'rating-1-2a': 'competent', 'evidence-3-2': 'note', 'rating-7-1': '' }), [
      { areaId: '1.2a', rating: 'competent', evidence: '' },
      { areaId: '3.2', rating: '', evidence: 'note' },
    ])
    const domains = areasByDomain()
    assert.deepEqual(
      domains.map((d) => d.areas.length),
      [8, 8, 3, 2, 7, 2, 1],
    )
  })

  it('validatePlanItem: area, action and due date; an edit checks only what is sent', () => {
    assert.deepEqual(validatePlanItem({ areaId: '3.2', action: ' Visit the hub ', dueOn: '2027-01-31' }), {
      ok: true,
      value: { areaId: '3.2', action: 'Visit the hub', dueOn: '2027-01-31', status: 'planned' },
    })
    const bad = validatePlanItem({ areaId: '9.9', action: '', dueOn: '2027-02-30', status: 'maybe' })
    assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.field), ['areaId', 'action', 'dueOn', 'status'])
    assert.deepEqual(validatePlanItem({ status: 'done' }, true), { ok: true, value: { status: 'done' } })
    assert.deepEqual(validatePlanItem({ dueOn: null }, true), { ok: true, value: { dueOn: null } })
  })

  it('currentRatings: each area from the latest sitting that rated it; a partial sitting keeps the others', () => {
    const current = currentRatings([
      { assessedOn: '2026-01-10', ratings: [{ areaId: '3.2', rating: 'not_yet', evidence: 'new' }, { areaId: '1.1', rating: 'competent', evidence: null }] },
      { assessedOn: '2026-05-01', ratings: [{ areaId: '3.2', rating: 'competent', evidence: null }] },
    ])
    assert.deepEqual(Object.fromEntries(current), {
      '3.2': { rating: 'competent', evidence: null, assessedOn: '2026-05-01' },
      '1.1': { rating: 'competent', evidence: null, assessedOn: '2026-01-10' },
    })
    assert.equal(gapsOf(current).length, 29, 'the 29 areas never rated')
  })

  it('changesOf: each rating against the area’s rating in the sitting before', () => {
    const out = changesOf([
      { ratings: [{ areaId: '3.2', rating: 'not_yet' as const }, { areaId: '1.1', rating: 'competent' as const }] },
      { ratings: [{ areaId: '3.2', rating: 'developing' as const }] },
      { ratings: [{ areaId: '3.2', rating: 'developing' as const }, { areaId: '1.1', rating: 'developing' as const }] },
    ])
    assert.deepEqual(
      out.map((s) => s.ratings.map((r) => `${r.areaId}:${r.change}:${r.previous ?? '-'}`)),
      [['3.2:new:-', '1.1:new:-'], ['3.2:up:not_yet'], ['3.2:same:developing', '1.1:down:competent']],
    )
  })
})
