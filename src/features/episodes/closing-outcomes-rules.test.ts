import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { answered, answersOf, columnsOf, notAsked, outcomesEditable, validateClosingOutcomes } from './closing-outcomes-rules.js'

describe('closing outcomes rules', () => {
  it('reads a form: "not_asked", empty and missing are not asked; codes are kept', () => {
    const { value, errors, values } = validateClosingOutcomes({
      reason: 'goals_met',
      learntSkills: 'yes',
      knowsSupport: 'not_asked',
      benefitsIncome: 'increased',
      employment: '',
      medication: ' reduced ',
    })
    assert.deepEqual(errors, [])
    assert.deepEqual(value, { ...notAsked(), learntSkills: 'yes', benefitsIncome: 'increased', medication: 'reduced' })
    assert.equal(values.knowsSupport, 'not_asked')
    assert.equal(values.employment, 'not_asked')
    assert.deepEqual(answered(value), ['learntSkills', 'benefitsIncome', 'medication'])
  })

  it('refuses a code that is not the question’s, naming the field, and keeps nothing of it', () => {
    const { value, errors } = validateClosingOutcomes({ learntSkills: 'increased', medication: 'decreased', employment: 'no' })
    assert.deepEqual(
      errors.map((e) => [e.field, e.key]),
      [
        ['learntSkills', 'episodes.closingOutcomes.errors.learntSkills'],
        ['employment', 'episodes.closingOutcomes.errors.employment'],
        ['medication', 'episodes.closingOutcomes.errors.medication'],
      ],
    )
    assert.deepEqual(value, notAsked())
  })

  it('reads JSON strictly: null is not asked, an unknown question or a non-object is refused', () => {
    assert.deepEqual(validateClosingOutcomes(undefined, { prefix: 'outcomes.', strict: true }).errors, [])
    const ok = validateClosingOutcomes({ statutoryGap: 'yes', carersAssessment: null }, { prefix: 'outcomes.', strict: true })
    assert.deepEqual(ok.errors, [])
    assert.equal(ok.value.statutoryGap, 'yes')
    assert.equal(ok.value.carersAssessment, null)
    const bad = validateClosingOutcomes({ learntSkill: 'yes', employment: 3 }, { prefix: 'outcomes.', strict: true })
    assert.deepEqual(
      bad.errors.map((e) => e.field),
      ['outcomes.learntSkill', 'outcomes.employment'],
    )
    assert.deepEqual(
      validateClosingOutcomes(['yes'], { prefix: 'outcomes.', strict: true }).errors.map((e) => e.field),
      ['outcomes'],
    )
    assert.deepEqual(
      validateClosingOutcomes('yes', { strict: true }).errors.map((e) => e.key),
      ['episodes.closingOutcomes.errors.notAnObject'],
    )
  })

  it('may be changed only on a closed episode, until 30 days after it closed', () => {
    const ended = new Date('2026-05-01T10:00:00Z')
    assert.deepEqual(outcomesEditable({ status: 'open', ended_at: null }, ended), { ok: false, problem: 'episode_open' })
    assert.deepEqual(outcomesEditable({ status: 'closed', ended_at: ended }, new Date('2026-05-31T10:00:00Z')), {
      ok: true,
      until: new Date('2026-05-31T10:00:00Z'),
    })
    assert.deepEqual(outcomesEditable({ status: 'closed', ended_at: ended }, new Date('2026-05-31T10:00:01Z')), {
      ok: false,
      problem: 'outcomes_locked',
    })
  })

  it('maps answers to columns and back', () => {
    const answers = { ...notAsked(), startedVolunteering: 'yes', carerSupportsAccess: 'not_known' }
    const columns = columnsOf(answers)
    assert.equal(columns.started_volunteering, 'yes')
    assert.equal(columns.carer_supports_access, 'not_known')
    assert.equal(columns.learnt_skills, null)
    assert.deepEqual(answersOf(columns), answers)
    assert.deepEqual(answersOf(undefined), notAsked())
  })
})
