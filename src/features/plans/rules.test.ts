import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { reviewDateInForce, scaleScore, validatePlan, validateReview } from './rules.js'

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'
const keys = (errors: { key: string }[]) => errors.map((e) => e.key.replace('plans.errors.', ''))

const plan = (extra: Record<string, unknown> = {}) => ({
  planOn: '2026-03-01',
  reviewOn: '2026-04-01',
  whatMatters: 'Getting out of the house',
  coProduced: true,
  agreed: true,
  agreementMethod: 'verbal',
  agreedOn: '2026-03-01',
  goals: [{ description: 'Join a walking group', confidence: 4, motivation: 8 }],
  ...extra,
})

describe('action plan rules', () => {
  it('takes CF 5.2b scaling scores as whole numbers from 1 to 10 only', () => {
    assert.deepEqual([1, 10, '7', ' 3 '].map(scaleScore), [1, 10, 7, 3])
    assert.deepEqual([0, 11, 5.5, '5.5', '', 'ten', null, -1].map(scaleScore), [
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ])
  })

  it('accepts a plan with the CF 5.3 content, a goal with start scores and the agreement', () => {
    const { value, errors } = validatePlan(plan(), [], '2026-03-02')
    assert.deepEqual(errors, [])
    assert.deepEqual(value.goals, [{ goalId: null, description: 'Join a walking group', confidence: 4, motivation: 8 }])
    assert.equal(value.reviewOn, '2026-04-01')
  })

  it('refuses a review date before (or on) the plan date, and plans dated in the future', () => {
    assert.deepEqual(keys(validatePlan(plan({ reviewOn: '2026-02-01' }), [], '2026-03-02').errors), [
      'reviewBeforePlan',
    ])
    assert.deepEqual(keys(validatePlan(plan({ reviewOn: '2026-03-01' }), [], '2026-03-02').errors), [
      'reviewBeforePlan',
    ])
    assert.deepEqual(
      keys(validatePlan(plan({ planOn: '2026-03-05', reviewOn: '2026-04-05' }), [], '2026-03-02').errors),
      ['planOnFuture'],
    )
    assert.deepEqual(keys(validatePlan(plan({ reviewOn: undefined }), [], '2026-03-02').errors), ['reviewOnMissing'])
  })

  it('needs one to six goals, start scores for new ones, and known ids for carried ones', () => {
    assert.deepEqual(keys(validatePlan(plan({ goals: [] }), [], '2026-03-02').errors), ['goalsMissing'])
    const seven = Array.from({ length: 7 }, (_, i) => ({ description: `Goal ${i}`, confidence: 5, motivation: 5 }))
    assert.deepEqual(keys(validatePlan(plan({ goals: seven }), [], '2026-03-02').errors), ['tooManyGoals'])
    assert.deepEqual(
      keys(
        validatePlan(plan({ goals: [{ description: 'x', confidence: 0, motivation: 11 }] }), [], '2026-03-02').errors,
      ),
      ['confidenceInvalid', 'motivationInvalid'],
    )
    assert.deepEqual(
      keys(validatePlan(plan({ goals: [{ id: A, description: 'Carried over' }] }), [A], '2026-03-02').errors),
      [],
    )
    assert.deepEqual(
      keys(validatePlan(plan({ goals: [{ id: B, description: 'Someone else’s' }] }), [A], '2026-03-02').errors),
      ['goalUnknown'],
    )
  })

  it('reads goals from the page’s numbered fields, skipping blank slots', () => {
    const raw = {
      ...plan({ goals: undefined }),
      'goal-1-description': 'Walk',
      'goal-1-confidence': '3',
      'goal-1-motivation': '9',
      'goal-2-description': '',
      'goal-3-description': 'Cook',
      'goal-3-confidence': '6',
      'goal-3-motivation': '6',
    }
    const { value, errors } = validatePlan(raw, [], '2026-03-02')
    assert.deepEqual(errors, [])
    assert.deepEqual(
      value.goals.map((g) => g.description),
      ['Walk', 'Cook'],
    )
  })

  it('needs how and when the person agreed when they did, and co-produced yes or no (CDS #98)', () => {
    assert.deepEqual(keys(validatePlan(plan({ agreementMethod: '', agreedOn: undefined }), [], '2026-03-02').errors), [
      'agreementMethodMissing',
      'agreedOnMissing',
    ])
    assert.deepEqual(
      keys(validatePlan(plan({ agreed: false, agreementMethod: '', agreedOn: undefined }), [], '2026-03-02').errors),
      [],
    )
    assert.deepEqual(keys(validatePlan(plan({ coProduced: 'maybe' }), [], '2026-03-02').errors), ['coProducedMissing'])
  })

  it('records new scores for every goal at a review, with the next review after it', () => {
    const ok = validateReview(
      {
        occasion: 'review',
        reviewedOn: '2026-04-01',
        nextReviewOn: '2026-05-01',
        goals: [{ goalId: A, confidence: 6, motivation: 9 }],
      },
      { planOn: '2026-03-01', goalIds: [A] },
      '2026-04-02',
    )
    assert.deepEqual(ok.errors, [])
    assert.deepEqual(ok.value.scores, [{ goalId: A, confidence: 6, motivation: 9, attainment: null }])
    const bad = validateReview(
      {
        occasion: 'review',
        reviewedOn: '2026-04-01',
        nextReviewOn: '2026-03-20',
        goals: [{ goalId: A, confidence: 12, motivation: 9, attainment: 'fully' }],
      },
      { planOn: '2026-03-01', goalIds: [A, B] },
      '2026-04-02',
    )
    assert.deepEqual(keys(bad.errors), [
      'nextReviewBeforeReview',
      'confidenceInvalid',
      'attainmentAtReview',
      'goalNotScored',
    ])
  })

  it('records attainment per goal at the end, and refuses attainment without a goal (CDS #82, #83)', () => {
    const ok = validateReview(
      { occasion: 'end', reviewedOn: '2026-06-01', goals: [{ goalId: A, attainment: 'partly' }] },
      { planOn: '2026-03-01', goalIds: [A] },
      '2026-06-02',
    )
    assert.deepEqual(ok.errors, [])
    assert.equal(ok.value.nextReviewOn, null)
    assert.deepEqual(
      keys(
        validateReview(
          { occasion: 'end', reviewedOn: '2026-06-01', goals: [{ goalId: B, attainment: 'fully' }] },
          { planOn: '2026-03-01', goalIds: [] },
          '2026-06-02',
        ).errors,
      ),
      ['attainmentWithoutGoal', 'attainmentWithoutGoal'],
    )
    assert.deepEqual(
      keys(
        validateReview(
          {
            occasion: 'end',
            reviewedOn: '2026-06-01',
            [`score-${B}-attainment`]: 'fully',
            [`score-${A}-attainment`]: 'fully',
          },
          { planOn: '2026-03-01', goalIds: [A] },
          '2026-06-02',
        ).errors,
      ),
      ['attainmentWithoutGoal'],
    )
    assert.deepEqual(
      keys(
        validateReview(
          { occasion: 'end', reviewedOn: '2026-06-01', goals: [{ goalId: A }] },
          { planOn: '2026-03-01', goalIds: [A] },
          '2026-06-02',
        ).errors,
      ),
      ['attainmentMissing'],
    )
  })

  it('keeps the review date set last: by the version or by a later review', () => {
    const version = { reviewOn: '2026-04-01', createdAt: new Date('2026-03-01T10:00:00Z') }
    assert.equal(reviewDateInForce(version, []), '2026-04-01')
    assert.equal(
      reviewDateInForce(version, [
        { occasion: 'review', nextReviewOn: '2026-05-01', createdAt: new Date('2026-04-01T10:00:00Z') },
      ]),
      '2026-05-01',
    )
    assert.equal(
      reviewDateInForce(version, [
        { occasion: 'review', nextReviewOn: '2026-02-01', createdAt: new Date('2026-02-01T10:00:00Z') },
      ]),
      '2026-04-01',
    )
    assert.equal(
      reviewDateInForce(version, [
        { occasion: 'end', nextReviewOn: null, createdAt: new Date('2026-06-01T10:00:00Z') },
      ]),
      null,
    )
  })
})
