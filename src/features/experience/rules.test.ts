import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { monthOf, summariseBarriers, summariseScale, validateOwnWords, validateSurvey } from './rules.js'
import { monthParam, periodOf, summarise } from './summary.js'

const walks = '11111111-1111-4111-8111-111111111111'
const choir = '22222222-2222-4222-8222-222222222222'
const answered = {
  linking: 'anonymous',
  serviceSatisfaction: '5',
  informationSatisfaction: '4',
  influencedDecisions: 'prefer_not',
  positiveExperience: '2',
  serviceBarriers: ['transport', 'cost'],
  practitionerBarriers: 'none',
  [`service-${walks}`]: '3',
  comment: '  Diolch  ',
}

describe('outcomes in the person’s own words (CDS #97)', () => {
  it('takes a past date, their words, an optional theme and the point of the journey', () => {
    const ok = validateOwnWords(
      { saidOn: '2026-11-30', words: ' I go out again ', theme: 'reduce_isolation', occasion: 'closing' },
      '2026-12-04',
    )
    assert.deepEqual(ok, {
      ok: true,
      value: { saidOn: '2026-11-30', words: 'I go out again', theme: 'reduce_isolation', occasion: 'closing' },
    })
    const none = validateOwnWords({ saidOn: '2026-11-30', words: 'x', occasion: 'review' }, '2026-12-04')
    assert.ok(none.ok && none.value.theme === null)
  })

  it('refuses empty words, a future date, an unknown theme or occasion', () => {
    const bad = validateOwnWords(
      { saidOn: '2026-12-05', words: '   ', theme: 'astrology', occasion: 'whenever' },
      '2026-12-04',
    )
    assert.ok(!bad.ok)
    assert.deepEqual(
      bad.errors.map((e) => e.key),
      [
        'experience.errors.saidOnFuture',
        'experience.errors.wordsMissing',
        'experience.errors.theme',
        'experience.errors.occasion',
      ],
    )
    const long = validateOwnWords({ saidOn: '2026-12-01', words: 'a'.repeat(2001), occasion: 'review' }, '2026-12-04')
    assert.ok(!long.ok && long.errors[0]?.key === 'experience.errors.wordsTooLong')
  })
})

describe('the experience survey’s answers', () => {
  it('reads a full reply: points, prefer not to say as null, barriers, a rating per connected service, the comment', () => {
    const result = validateSurvey(answered, [walks])
    assert.ok(result.ok)
    assert.deepEqual(result.value, {
      anonymous: true,
      scales: { serviceSatisfaction: 5, informationSatisfaction: 4, influencedDecisions: null, positiveExperience: 2 },
      barriers: { serviceBarriers: ['transport', 'cost'], practitionerBarriers: ['none'] },
      services: [{ serviceId: walks, satisfaction: 3 }],
      comment: 'Diolch',
    })
  })

  it('refuses out-of-scale answers, unknown barriers, "none" with a barrier, unknown or unrated services, no linking choice', () => {
    const result = validateSurvey(
      {
        ...answered,
        linking: 'maybe',
        serviceSatisfaction: '6',
        practitionerBarriers: ['none', 'cost'],
        serviceBarriers: ['weather'],
        [`service-${choir}`]: '4',
      },
      [walks],
    )
    assert.ok(!result.ok)
    assert.deepEqual(
      result.errors.map((e) => e.key),
      [
        'experience.survey.errors.linking',
        'experience.survey.errors.serviceSatisfaction',
        'experience.survey.errors.barrierUnknown',
        'experience.survey.errors.barrierNone',
        'experience.survey.errors.serviceUnknown',
      ],
    )
    const unrated = validateSurvey({ ...answered, [`service-${walks}`]: '' }, [walks, choir])
    assert.ok(!unrated.ok)
    assert.deepEqual(
      unrated.errors.map((e) => e.field),
      [`service-${walks}`, `service-${choir}`],
    )
    const missing = validateSurvey({ linking: 'named' }, [])
    assert.ok(!missing.ok && missing.errors.length === 4)
  })

  it('keeps only the month of a reply', () => {
    assert.equal(monthOf('2026-12-04'), '2026-12-01')
  })
})

describe('the survey’s results', () => {
  it('counts each point and the share satisfied among those who answered on the scale', () => {
    const s = summariseScale([5, 4, 4, 2, null, 1])
    assert.deepEqual(s.counts, { '5': 1, '4': 2, '3': 0, '2': 1, '1': 1, prefer_not: 1 })
    assert.equal(s.answered, 6)
    assert.equal(s.percentSatisfied, 60)
    assert.equal(summariseScale([null]).percentSatisfied, null)
    assert.equal(summariseBarriers([['cost', 'transport'], ['none'], ['cost']]).cost, 2)
  })

  it('summarises replies, showing comments of named replies only', () => {
    const base = {
      month: '2026-11-01',
      service_satisfaction: 5,
      information_satisfaction: 4,
      influenced_decisions: 3,
      positive_experience: 5,
      service_barriers: [],
      practitioner_barriers: ['timing'],
    }
    const s = summarise(
      [
        { ...base, anonymous: false, comment: 'Named words' },
        { ...base, anonymous: true, comment: 'Anonymous words', service_satisfaction: 1 },
      ],
      [{ service_id: walks, satisfaction: 4, name: 'Walks', name_cy: 'Teithiau cerdded' }],
      'cy',
    )
    assert.equal(s.replies, 2)
    assert.equal(s.anonymousReplies, 1)
    assert.equal(s.questions[0]?.summary.percentSatisfied, 50)
    assert.deepEqual(
      s.barriers.map((b) => b.answered),
      [0, 2],
    )
    assert.deepEqual(s.services, [{ serviceId: walks, name: 'Teithiau cerdded', summary: summariseScale([4]) }])
    assert.deepEqual(s.comments, [{ month: '2026-11-01', text: 'Named words' }])
    assert.equal(s.anonymousComments, 1)
  })

  it('takes periods in whole months, twelve months by default', () => {
    assert.equal(monthParam('2026-02'), '2026-02-01')
    assert.equal(monthParam('2026-02-28'), '2026-02-01')
    assert.equal(monthParam('2026-02-30'), null)
    assert.equal(monthParam('2026-13'), null)
    assert.deepEqual(periodOf({}, '2026-12-04'), { ok: true, from: '2025-12-01', to: '2026-12-01' })
    assert.deepEqual(periodOf({ from: '2026-06', to: '2026-01' }, '2026-12-04'), {
      ok: false,
      field: 'from',
      key: 'experience.summary.errors.order',
    })
  })
})
