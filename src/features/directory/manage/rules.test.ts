import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyProposal, changedFields, parseLiveDetails, parseProposal, parseRejection, parseService, scheduleLines, serviceFlags, timeOfDay } from './rules.js'

const DAY = 86_400_000
const now = new Date('2026-06-01T12:00:00Z')
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY)
const codes = ['green', 'social']
const fields = (result: { ok: boolean; errors?: { field: string; key: string }[] }) => (result.ok ? [] : (result.errors ?? []).map((e) => `${e.field}:${e.key.split('.').pop()}`))

const entry = {
  name: 'Repair Café',
  directoryOrganisationId: '7d5ba34d-a08a-54dc-b243-323360c38094',
  categories: ['green'],
  capacityStatus: 'waiting_list',
  waitingListWeeks: '4',
}

describe('staleness flags', () => {
  it('flags an entry not verified for more than 182 days, or never', () => {
    assert.equal(serviceFlags({ last_verified_at: daysAgo(181), capacity_confirmed_at: daysAgo(1) }, now).unverified, false)
    assert.equal(serviceFlags({ last_verified_at: daysAgo(183), capacity_confirmed_at: daysAgo(1) }, now).unverified, true)
    assert.equal(serviceFlags({ last_verified_at: null, capacity_confirmed_at: daysAgo(1) }, now).unverified, true)
  })

  it('flags capacity not confirmed for more than 30 days, or never', () => {
    assert.equal(serviceFlags({ last_verified_at: daysAgo(1), capacity_confirmed_at: daysAgo(29) }, now).capacityUnconfirmed, false)
    assert.equal(serviceFlags({ last_verified_at: daysAgo(1), capacity_confirmed_at: daysAgo(31).toISOString() }, now).capacityUnconfirmed, true)
    assert.equal(serviceFlags({ last_verified_at: daysAgo(1), capacity_confirmed_at: null }, now).capacityUnconfirmed, true)
  })
})

describe('checking an entry', () => {
  it('accepts a name in one language only', () => {
    const welshOnly = parseService({ ...entry, name: '', nameCy: 'Caffi Trwsio' }, codes)
    assert.ok(welshOnly.ok)
    assert.equal(welshOnly.value.name, null)
    assert.equal(welshOnly.value.nameCy, 'Caffi Trwsio')
    assert.deepEqual(fields(parseService({ ...entry, name: ' ', nameCy: '' }, codes)), ['name:nameMissing'])
  })

  it('keeps waiting weeks within 0–104, and only for a waiting list', () => {
    assert.deepEqual(fields(parseService({ ...entry, waitingListWeeks: '105' }, codes)), ['waitingListWeeks:waitingWeeks'])
    assert.deepEqual(fields(parseService({ ...entry, waitingListWeeks: '-1' }, codes)), ['waitingListWeeks:waitingWeeks'])
    const full = parseService({ ...entry, capacityStatus: 'full', waitingListWeeks: '6' }, codes)
    assert.ok(full.ok)
    assert.equal(full.value.waitingListWeeks, null)
    const json = parseService({ ...entry, waitingListWeeks: 104 }, codes)
    assert.ok(json.ok)
    assert.equal(json.value.waitingListWeeks, 104)
  })

  it('refuses unknown categories and options, and ages the wrong way round', () => {
    assert.deepEqual(fields(parseService({ ...entry, categories: ['green', 'knitting'] }, codes)), ['categories:categoryUnknown'])
    assert.deepEqual(fields(parseService({ ...entry, lifeStages: ['teenagers'] }, codes)), ['lifeStages:unknownOption'])
    assert.deepEqual(fields(parseService({ ...entry, minimumAge: '40', maximumAge: '20' }, codes)), ['maximumAge:ageOrder'])
    assert.deepEqual(fields(parseService({ ...entry, minimumAge: '4.5' }, codes)), ['minimumAge:age'])
    assert.deepEqual(fields(parseService({ ...entry, directoryOrganisationId: '' }, codes)), ['directoryOrganisationId:organisationMissing'])
  })

  it('needs a whole address with a real postcode shape, and coordinates in range and in pairs', () => {
    const place = { address1: '1 High Street', city: 'Aberystwyth', postcode: 'sy23 3wz' }
    const ok = parseService({ ...entry, ...place }, codes)
    assert.ok(ok.ok)
    assert.equal(ok.value.postcode, 'SY23 3WZ')
    assert.deepEqual(fields(parseService({ ...entry, ...place, postcode: 'ABC' }, codes)), ['postcode:postcodeFormat'])
    assert.deepEqual(fields(parseService({ ...entry, postcode: 'SY23 3WZ' }, codes)), ['address1:address1Missing', 'city:cityMissing'])
    assert.deepEqual(fields(parseService({ ...entry, ...place, latitude: '91', longitude: '0' }, codes)), ['latitude:latitude'])
    assert.deepEqual(fields(parseService({ ...entry, ...place, latitude: '52', longitude: '-181' }, codes)), ['longitude:longitude'])
    assert.deepEqual(fields(parseService({ ...entry, ...place, latitude: '52' }, codes)), ['latitude:coordinatePair'])
  })

  it('checks contact details', () => {
    assert.deepEqual(fields(parseService({ ...entry, email: 'not-an-email', phone: 'call us', website: 'example.org' }, codes)), ['email:email', 'phone:phone', 'website:website'])
  })
})

describe('weekly timetable lines', () => {
  it('reads form lines and JSON lines, skipping blank ones', () => {
    const errors: { field: string; key: string }[] = []
    assert.deepEqual(scheduleLines({ day1: 'MO', opens1: '9:30', closes1: '11:00', day2: '', opens2: '', closes2: '' }, errors), [{ day: 'MO', opens: '09:30', closes: '11:00' }])
    assert.deepEqual(scheduleLines({ schedules: [{ day: 'SA', opens: '10:00', closes: '12:00' }] }, errors), [{ day: 'SA', opens: '10:00', closes: '12:00' }])
    assert.deepEqual(errors, [])
  })

  it('needs a day, real times and an end after the start', () => {
    const errors: { field: string; key: string }[] = []
    scheduleLines({ day1: 'XX', opens1: '25:00', closes1: '10:00', day2: 'TU', opens2: '12:00', closes2: '11:00' }, errors)
    assert.deepEqual(errors.map((e) => `${e.field}:${e.key.split('.').pop()}`), ['day1:scheduleDay', 'opens1:scheduleTime', 'closes2:scheduleOrder'])
    assert.equal(timeOfDay('7.05'), '07:05')
    assert.equal(timeOfDay('noon'), null)
  })
})

describe('asset organisations’ updates', () => {
  it('needs a capacity status and sets waiting weeks only for a waiting list', () => {
    assert.deepEqual(fields(parseLiveDetails({})), ['capacityStatus:capacityMissing'])
    const live = parseLiveDetails({ capacityStatus: 'waiting_list', waitingListWeeks: '8', phone: '01970 123456' })
    assert.ok(live.ok)
    assert.equal(live.value.waitingListWeeks, 8)
    assert.equal(live.value.phone, '01970 123456')
  })
})

describe('proposals', () => {
  const current = { name: 'Shed', nameCy: null, description: 'Woodwork', descriptionCy: null }

  it('needs a name and a change', () => {
    assert.deepEqual(fields(parseProposal({ name: 'Shed', description: 'Woodwork' }, current)), ['name:nothingChanged'])
    assert.deepEqual(fields(parseProposal({ name: '', nameCy: '', description: 'New' }, current)), ['name:nameMissing'])
    assert.ok(parseProposal({ name: 'Shed', nameCy: 'Sied', description: 'Woodwork' }, current).ok)
  })

  it('applies the whole proposed text and names the changed fields', () => {
    const applied = applyProposal(current, { name: 'Shed', nameCy: 'Sied', description: 'Woodwork and tea', descriptionCy: null })
    assert.deepEqual(applied.fields, ['nameCy', 'description'])
    assert.deepEqual(applied.update, { name: 'Shed', name_cy: 'Sied', description: 'Woodwork and tea', description_cy: null })
    // A Welsh-only name leaves the English one empty, so pages show the "not in English" note.
    assert.equal(applyProposal(current, { name: null, nameCy: 'Sied', description: null, descriptionCy: null }).update.name, '')
  })

  it('needs a reason to reject', () => {
    assert.deepEqual(fields(parseRejection({ reason: '  ' })), ['reason:reasonMissing'])
    assert.deepEqual(parseRejection({ reason: 'Too long a name' }), { ok: true, value: 'Too long a name' })
  })

  it('names changed fields for the audit trail without their values', () => {
    assert.deepEqual(changedFields({ a: 1, b: [1], c: null }, { a: 1, b: [2], c: undefined }), ['b'])
  })
})
