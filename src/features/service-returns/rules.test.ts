import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { daysInclusive, overlapDays, overlaps, penceOf, poundsOf, proRatedPence, validateActivityReturn, validateServiceReturn } from './rules.js'

const today = '2026-12-04'
const fields = (errors: { field: string; key: string }[]) => errors.map((e) => `${e.field}:${e.key.split('.').pop()}`)

describe('service return rules', () => {
  it('reads pounds as exact pence', () => {
    assert.equal(penceOf('1234.5'), 123450)
    assert.equal(penceOf('£1,234.56'), 123456)
    assert.equal(penceOf('0.07'), 7)
    assert.equal(penceOf('12'), 1200)
    assert.equal(penceOf('1.234'), null, 'three decimals')
    assert.equal(penceOf('-5'), null)
    assert.equal(penceOf('ten'), null)
    assert.equal(poundsOf(123450), '1234.50')
    assert.equal(poundsOf(7), '0.07')
  })

  it('counts and pro-rates days of overlap', () => {
    assert.equal(daysInclusive('2025-04-01', '2026-03-31'), 365)
    assert.equal(overlaps({ from: '2025-04-01', to: '2025-06-30' }, { from: '2025-06-30', to: '2025-09-30' }), true)
    assert.equal(overlaps({ from: '2025-04-01', to: '2025-06-30' }, { from: '2025-07-01', to: '2025-09-30' }), false)
    assert.equal(overlapDays({ from: '2025-04-01', to: '2026-03-31' }, { from: '2025-01-01', to: '2025-04-30' }), 30)
    // £36,500 over a 365-day year is £100 a day: 30 days of it are £3,000.
    assert.equal(proRatedPence(3_650_000, { from: '2025-04-01', to: '2026-03-31' }, { from: '2025-01-01', to: '2025-04-30' }), 300_000)
    assert.equal(proRatedPence(3_650_000, { from: '2025-04-01', to: '2026-03-31' }, { from: '2024-01-01', to: '2024-12-31' }), 0)
    // Rounded to the penny: 100p over 3 days, one day counted.
    assert.equal(proRatedPence(100, { from: '2025-01-01', to: '2025-01-03' }, { from: '2025-01-03', to: '2025-01-31' }), 33)
  })

  it('accepts a full return and leaves blanks as not given', () => {
    const { value, errors } = validateServiceReturn(
      { periodFrom: '2025-04-01', periodTo: '2026-03-31', runningCosts: '£120,000.50', staffHeadcount: '6', staffFte: '4.5', satisfactionRespondents: '5', satisfactionSatisfied: '4', fundingContinues: 'not_known', fundingNote: '  Bid submitted ' },
      today,
    )
    assert.deepEqual(errors, [])
    assert.equal(value?.figures.runningCosts, 12_000_050)
    assert.equal(value?.figures.staffFte, 4.5)
    assert.equal(value?.figures.volunteers, null)
    assert.equal(value?.fundingNote, 'Bid submitted')
  })

  it('reads the page’s three-part dates', () => {
    const { value } = validateServiceReturn({ 'periodFrom-day': '1', 'periodFrom-month': '7', 'periodFrom-year': '2026', 'periodTo-day': '30', 'periodTo-month': '9', 'periodTo-year': '2026' }, today)
    assert.equal(value?.periodFrom, '2026-07-01')
    assert.equal(value?.periodTo, '2026-09-30')
  })

  it('refuses every problem at once', () => {
    const { value, errors } = validateServiceReturn(
      { periodFrom: '2026-03-31', periodTo: '2025-04-01', runningCosts: '10.999', staffHeadcount: '-1', staffFte: '2.345', volunteers: '1.5', satisfactionRespondents: '3', satisfactionSatisfied: '4', fundingContinues: 'maybe' },
      today,
    )
    assert.equal(value, null)
    assert.deepEqual(fields(errors), ['periodTo:periodOrder', 'runningCosts:money', 'staffHeadcount:count', 'staffFte:decimal', 'volunteers:count', 'satisfactionSatisfied:satisfiedMoreThanRespondents', 'fundingContinues:funding'])
  })

  it('refuses a period that has not begun, one longer than a year, missing dates, and more DBS checks than staff', () => {
    assert.deepEqual(fields(validateServiceReturn({ periodFrom: '2027-01-01', periodTo: '2027-03-31' }, today).errors), ['periodFrom:periodFuture'])
    assert.deepEqual(fields(validateServiceReturn({ periodFrom: '2024-04-01', periodTo: '2026-03-31' }, today).errors), ['periodTo:periodLength'])
    assert.deepEqual(fields(validateServiceReturn({}, today).errors), ['periodFrom:periodFromMissing', 'periodTo:periodToMissing'])
    assert.deepEqual(fields(validateServiceReturn({ periodFrom: '2025-04-01', periodTo: '2025-06-31' }, today).errors), ['periodTo:periodToInvalid'])
    assert.deepEqual(fields(validateServiceReturn({ periodFrom: '2025-04-01', periodTo: '2025-06-30', staffHeadcount: 3, practitionersDbsChecked: 4 }, today).errors), ['practitionersDbsChecked:moreThanHeadcount'])
    // The current quarter may be entered while it runs.
    assert.deepEqual(validateServiceReturn({ periodFrom: '2026-10-01', periodTo: '2026-12-31' }, today).errors, [])
  })

  it('checks an activity’s figures the same way', () => {
    const ok = validateActivityReturn({ periodFrom: '2025-04-01', periodTo: '2025-06-30', runningCosts: 2500, usersCompletedTraining: 3, staffSatisfactionRespondents: 2, staffSatisfactionSatisfied: 2 }, today)
    assert.deepEqual(ok.errors, [])
    assert.equal(ok.value?.figures.runningCosts, 250_000)
    assert.deepEqual(fields(validateActivityReturn({ periodFrom: '2025-04-01', periodTo: '2025-06-30', staffSatisfactionRespondents: 1, staffSatisfactionSatisfied: 2 }, today).errors), ['staffSatisfactionSatisfied:satisfiedMoreThanRespondents'])
  })
})
