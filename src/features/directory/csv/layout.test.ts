import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CsvColumn, csvColumns, formatServiceCells, readHeader, readSchedule, readServiceRow } from './layout.js'

const codes = new Set(['green', 'creative', 'social'])
const cells = (over: Partial<Record<CsvColumn, string>>) =>
  Object.fromEntries(csvColumns.map((c) => [c, over[c] ?? ''])) as Record<CsvColumn, string>

describe('readServiceRow', () => {
  it('reads a full row, in any case, into canonical values', () => {
    const result = readServiceRow(
      cells({
        id: '6F1C1E2A-8A5B-4C3D-9E0F-112233445566',
        organisation: 'Cerddwyr Bro Ddyfi',
        name: 'Taith Gerdded Machynlleth',
        status: 'Active',
        published: 'na',
        capacity_status: 'WAITING_LIST',
        waiting_list_weeks: '4',
        life_stages: 'older_people; adults',
        categories: 'social;green;green',
        minimum_age: '18',
        free_or_low_cost: 'ie',
        postcode: 'sy20  8aa',
        address: '1 Heol Maengwyn',
        town: 'Machynlleth',
        latitude: '52.59',
        longitude: '-3.85',
        schedule: 'tu 9:30-11:00',
        last_verified_at: '2026-11-01',
      }),
      codes,
    )
    assert.ok(result.service)
    const s = result.service
    assert.equal(s.id, '6f1c1e2a-8a5b-4c3d-9e0f-112233445566')
    assert.deepEqual(
      [s.status, s.published, s.capacityStatus, s.waitingListWeeks, s.freeOrLowCost],
      ['active', false, 'waiting_list', 4, true],
    )
    assert.deepEqual(s.lifeStages, ['adults', 'older_people'])
    assert.deepEqual(s.categories, ['green', 'social'])
    assert.equal(s.postcode, 'SY20 8AA')
    assert.deepEqual(s.schedule, [{ freq: 'WEEKLY', byday: 'TU', opensAt: '09:30', closesAt: '11:00' }])
    assert.equal(s.lastVerifiedAt?.toISOString(), '2026-11-01T00:00:00.000Z')
    const again = readServiceRow(
      Object.fromEntries(csvColumns.map((c, i) => [c, formatServiceCells(s)[i]])) as Record<CsvColumn, string>,
      codes,
    )
    assert.deepEqual(again.service, s, 'canonical cells read back to the same service')
  })

  it('names the column of every bad field', () => {
    const result = readServiceRow(
      cells({
        id: '42',
        status: 'open',
        published: 'perhaps',
        capacity_status: 'busy',
        waiting_list_weeks: '2.5',
        life_stages: 'adults;teens',
        categories: 'gardening',
        minimum_age: '30',
        maximum_age: '20',
        email: 'x',
        website: 'ftp://x',
        address: '1 High St',
        latitude: '91',
        schedule: 'Mondays',
        capacity_confirmed_at: '25/11/2026',
        organisation_cy: 'Grŵp',
      }),
      codes,
    )
    assert.equal(result.service, null)
    assert.deepEqual(
      result.problems.map((p) => `${p.column}:${p.problem}`),
      [
        'id:notUuid',
        'name:required',
        'organisation:organisationNeedsName',
        'email:notEmail',
        'website:notWebAddress',
        'categories:notInList',
        'capacity_status:notOneOf',
        'waiting_list_weeks:notWholeNumber',
        'maximum_age:maximumBelowMinimum',
        'town:addressIncomplete',
        'postcode:addressIncomplete',
        'latitude:notNumber',
        'longitude:bothCoordinates',
        'schedule:notSchedule',
        'status:notOneOf',
        'published:notYesNo',
        'life_stages:notInList',
        'capacity_confirmed_at:notDate',
      ],
    )
  })
})

describe('readSchedule', () => {
  it('reads weekly and monthly entries, sorted, and refuses anything else', () => {
    assert.deepEqual(readSchedule('MONTHLY 1TU 14:00-16:00; MO,TH 10:00 - 12:00'), [
      { freq: 'WEEKLY', byday: 'MO,TH', opensAt: '10:00', closesAt: '12:00' },
      { freq: 'MONTHLY', byday: '1TU', opensAt: '14:00', closesAt: '16:00' },
    ])
    assert.deepEqual(readSchedule(''), [])
    for (const bad of ['Mondays', 'MO 25:00-26:00', 'XX 10:00-11:00', 'MO 10:00'])
      assert.equal(readSchedule(bad), null, bad)
  })
})

describe('readHeader', () => {
  it('finds columns in any order and reports missing and unknown ones', () => {
    const reversed = [...csvColumns].reverse()
    const found = readHeader(reversed.map((c) => c.toUpperCase()))
    assert.ok(found.ok && found.positions.get('id') === csvColumns.length - 1)
    assert.deepEqual(readHeader(['id', 'name', 'colour']), {
      ok: false,
      missing: csvColumns.filter((c) => c !== 'id' && c !== 'name'),
      unknown: ['colour'],
    })
  })
})
