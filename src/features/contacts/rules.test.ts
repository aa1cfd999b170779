import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareHealthcareUse, validateHealthcareUse } from './healthcare.js'
import { contactCounts, validateContact, walesInstant, walesParts } from './rules.js'

const now = new Date('2026-07-15T12:00:00Z')
const good = {
  'when-day': '15',
  'when-month': '7',
  'when-year': '2026',
  time: '09:30',
  mode: 'phone',
  duration: '30',
  withWhom: ['person', 'carer'],
  type: 'review',
  language: 'cy',
  progressNote: 'Feeling more confident',
}
const keys = (raw: Record<string, unknown>) => validateContact(raw, now).errors.map((e) => e.key)

describe('contacts: the rules of a contact (issue 5 §6)', () => {
  it('reads a date and time in Wales, summer time included', () => {
    assert.equal(walesInstant('2026-07-15', '09:30').toISOString(), '2026-07-15T08:30:00.000Z')
    assert.equal(walesInstant('2026-01-15', '09:30').toISOString(), '2026-01-15T09:30:00.000Z')
    assert.deepEqual(walesParts(new Date('2026-07-15T23:30:00Z')), { date: '2026-07-16', time: '00:30' })
  })

  it('accepts a complete contact and keeps the parties in the list order', () => {
    const { value, errors } = validateContact({ ...good, withWhom: ['carer', 'person'] }, now)
    assert.deepEqual(errors, [])
    assert.equal(value.occurredAt.toISOString(), '2026-07-15T08:30:00.000Z')
    assert.deepEqual(value.withWhom, ['person', 'carer'])
    assert.equal(value.durationMinutes, 30)
  })

  it('refuses a contact in the future, even later today', () => {
    assert.deepEqual(keys({ ...good, time: '14:00' }), ['contacts.errors.whenFuture'])
    assert.deepEqual(keys({ ...good, 'when-day': '16' }), ['contacts.errors.whenFuture'])
    assert.deepEqual(
      validateContact({ ...good, 'when-day': undefined, occurredAt: '2026-07-16T08:00:00Z' }, now).errors.map(
        (e) => e.key,
      ),
      ['contacts.errors.whenFuture'],
    )
  })

  it('refuses durations below zero or over 12 hours, and 0 unless the person did not attend', () => {
    assert.deepEqual(keys({ ...good, duration: '-5' }), ['contacts.errors.durationRange'])
    assert.deepEqual(keys({ ...good, duration: '721' }), ['contacts.errors.durationRange'])
    assert.deepEqual(keys({ ...good, duration: '720' }), [])
    assert.deepEqual(keys({ ...good, duration: '0' }), ['contacts.errors.durationZero'])
    assert.deepEqual(keys({ ...good, duration: '' }), ['contacts.errors.durationMissing'])
    assert.deepEqual(keys({ ...good, duration: '1.5' }), ['contacts.errors.durationInvalid'])
    assert.deepEqual(keys({ ...good, duration: '', didNotAttend: 'yes' }), [])
    assert.deepEqual(keys({ ...good, duration: '0', didNotAttend: true }), [])
  })

  it('asks for every choice, and barriers only with a missed contact (CDS #81)', () => {
    assert.deepEqual(keys({}), [
      'contacts.errors.whenMissing',
      'contacts.errors.timeMissing',
      'contacts.errors.modeMissing',
      'contacts.errors.durationMissing',
      'contacts.errors.withWhomMissing',
      'contacts.errors.typeMissing',
      'contacts.errors.languageMissing',
    ])
    assert.deepEqual(keys({ ...good, withWhom: ['neighbour'] }), ['contacts.errors.withWhomUnknown'])
    assert.deepEqual(keys({ ...good, barriers: ['transport'] }), ['contacts.errors.barriersWithoutDna'])
    assert.deepEqual(validateContact({ ...good, didNotAttend: 'yes', barriers: ['transport'] }, now).value.barriers, [
      'transport',
    ])
    assert.deepEqual(keys({ ...good, 'when-day': '31', 'when-month': '2' }), ['contacts.errors.whenInvalid'])
    assert.deepEqual(keys({ ...good, time: '25:00' }), ['contacts.errors.timeInvalid'])
    assert.deepEqual(keys({ ...good, progressNote: 'x'.repeat(4001) }), ['contacts.errors.progressTooLong'])
  })

  it('derives the counts: contacts, attended and missed, minutes, length of support (CDS #24, #115–#117)', () => {
    const c = (day: number, minutes: number | null, dna = false) => ({
      occurred_at: new Date(Date.UTC(2026, 6, day)),
      duration_minutes: minutes,
      did_not_attend: dna,
    })
    const episode = { started_at: new Date('2026-07-01T15:00:00Z'), ended_at: null }
    assert.deepEqual(contactCounts([c(2, 60), c(5, 30), c(9, null, true), c(10, 45)], episode, now), {
      contacts: 4,
      attended: 3,
      didNotAttend: 1,
      totalMinutes: 135,
      meanMinutes: 45,
      lengthOfSupportDays: 14,
    })
    assert.deepEqual(
      contactCounts([], { started_at: episode.started_at, ended_at: new Date('2026-07-11T09:00:00Z') }, now),
      { contacts: 0, attended: 0, didNotAttend: 0, totalMinutes: 0, meanMinutes: null, lengthOfSupportDays: 10 },
    )
    assert.equal(contactCounts([], null, now).lengthOfSupportDays, null)
  })
})

describe('contacts: healthcare use (issue 5 §10, CDS #57–#61)', () => {
  const all = {
    occasion: 'start',
    gpAppointments: '3',
    gpContacts: '1',
    aeAttendances: '0',
    emergencyCalls: '0',
    otherServices: '2',
  }
  it('accepts whole numbers 0–99 and "prefer not to say" item by item', () => {
    const { value, errors } = validateHealthcareUse({ ...all, aeAttendances: '', preferNotToSay: 'aeAttendances' })
    assert.deepEqual(errors, [])
    assert.deepEqual(value.preferNotToSay, ['ae_attendances'])
    assert.equal(value.answers.gp_appointments, 3)
    assert.equal(value.answers.ae_attendances, null)
    assert.deepEqual(validateHealthcareUse({ ...all, gpAppointments: 4 }).errors, [])
  })
  it('refuses missing, out of range and doubled answers, and an unknown occasion', () => {
    const k = (raw: Record<string, unknown>) => validateHealthcareUse(raw).errors.map((e) => e.key)
    assert.deepEqual(k({ ...all, gpAppointments: '100' }), ['contacts.healthcare.errors.invalid.gp_appointments'])
    assert.deepEqual(k({ ...all, gpAppointments: '-1' }), ['contacts.healthcare.errors.invalid.gp_appointments'])
    assert.deepEqual(k({ ...all, gpContacts: '' }), ['contacts.healthcare.errors.missing.gp_contacts'])
    assert.deepEqual(k({ ...all, preferNotToSay: ['gpContacts'] }), ['contacts.healthcare.errors.both.gp_contacts'])
    assert.deepEqual(k({ ...all, occasion: 'middle' }), ['contacts.healthcare.errors.occasionMissing'])
  })
  it('compares the start with the end', () => {
    const rec = (occasion: 'start' | 'end', gp: number | null, pnts: string[] = []) => ({
      occasion,
      gp_appointments: gp,
      gp_contacts: 1,
      ae_attendances: 2,
      emergency_calls: 0,
      other_services: null,
      prefer_not_to_say: pnts,
    })
    const rows = compareHealthcareUse([rec('start', 5), rec('end', 2, ['other_services'])])
    assert.deepEqual(rows[0], { item: 'gp_appointments', start: 5, end: 2, change: -3 })
    assert.deepEqual(rows[4], { item: 'other_services', start: null, end: 'prefer_not_to_say', change: null })
    assert.deepEqual(compareHealthcareUse([rec('start', 5)])[0], {
      item: 'gp_appointments',
      start: 5,
      end: null,
      change: null,
    })
  })
})
