import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseDay, todayInWales } from './dates.js'
import { compareWithReferral, needsCount, validateConversation } from './rules.js'

describe('What Matters rules', () => {
  it('counts needs once per wellbeing domain, ignoring unknown codes (CDS #53)', () => {
    assert.equal(needsCount([]), 0)
    assert.equal(needsCount(['housing', 'caring', 'housing', 'astrology']), 2)
  })

  it('compares the issues raised with the referral’s reasons (CDS #125)', () => {
    assert.equal(
      compareWithReferral(['loneliness_isolation'], ['loneliness_isolation'], ['reduce_isolation'], null).outcome,
      'same',
    )
    const unconfirmed = compareWithReferral(
      ['loneliness_isolation', 'housing'],
      ['loneliness_isolation'],
      ['reduce_isolation'],
      '',
    )
    assert.deepEqual([unconfirmed.outcome, unconfirmed.notConfirmed], ['different', ['housing']])
    const emerged = compareWithReferral(
      ['loneliness_isolation'],
      ['loneliness_isolation'],
      ['reduce_isolation', 'digital_skills', 'money_and_debt'],
      null,
    )
    assert.deepEqual([emerged.outcome, emerged.newThemes], ['different', ['money_and_debt', 'digital_skills']])
    assert.equal(compareWithReferral(['housing'], ['housing'], [], 'Worried about her son').outcome, 'different')
    assert.equal(compareWithReferral([], [], [], null).outcome, 'same')
  })

  it('reads dates from the three-field input or ISO, refusing impossible ones', () => {
    assert.deepEqual(parseDay({ 'heldOn-day': '3', 'heldOn-month': '12', 'heldOn-year': '2026' }, 'heldOn'), {
      date: '2026-12-03',
    })
    assert.deepEqual(parseDay({ heldOn: '2026-02-28' }, 'heldOn'), { date: '2026-02-28' })
    assert.deepEqual(parseDay({ heldOn: '2026-02-30' }, 'heldOn'), { problem: 'invalid' })
    assert.deepEqual(parseDay({ 'heldOn-day': '3' }, 'heldOn'), { problem: 'incomplete' })
    assert.deepEqual(parseDay({}, 'heldOn'), { problem: 'missing' })
    assert.equal(todayInWales(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
  })

  it('validates the conversation: a past date, completed yes/no, known codes, reasons only from the referral', () => {
    const good = validateConversation(
      {
        heldOn: '2026-03-01',
        completed: true,
        themes: ['reduce_isolation'],
        confirmedReasons: ['housing'],
        needsDomains: ['housing'],
        settingPreference: 'outdoor',
        timesOfDay: ['morning'],
      },
      ['housing'],
      '2026-03-02',
    )
    assert.deepEqual(good.errors, [])
    assert.deepEqual(
      [good.value.heldOn, good.value.completed, good.value.confirmedReasons, good.value.settingPreference],
      ['2026-03-01', true, ['housing'], 'outdoor'],
    )
    const bad = validateConversation(
      {
        heldOn: '2026-03-03',
        completed: 'perhaps',
        themes: ['unicorns'],
        confirmedReasons: ['housing'],
        settingPreference: 'underwater',
        needsDomains: ['x'],
      },
      ['loneliness_isolation'],
      '2026-03-02',
    )
    assert.deepEqual(
      bad.errors.map((e) => e.key.split('.').at(-1)),
      ['heldOnFuture', 'completedMissing', 'themeUnknown', 'domainUnknown', 'reasonUnknown', 'choiceUnknown'],
    )
    const empty = validateConversation({ heldOn: '2026-03-01', completed: 'yes' }, [], '2026-03-02')
    assert.deepEqual(
      empty.errors.map((e) => e.key),
      ['whatMatters.errors.themesMissing'],
    )
    assert.deepEqual(
      validateConversation({ heldOn: '2026-03-01', completed: 'no' }, [], '2026-03-02').errors,
      [],
      'an unfinished conversation may have no themes yet',
    )
    assert.equal(
      validateConversation({ heldOn: '2026-03-01', completed: 'yes', ownWords: 'x'.repeat(2001) }, [], '2026-03-02')
        .errors[0]?.field,
      'ownWords',
    )
  })
})
