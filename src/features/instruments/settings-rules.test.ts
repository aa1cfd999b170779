import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validatePermission, validateTranslation } from './settings-rules.js'

const today = '2026-12-04'
const keys = (result: { ok: boolean; errors?: { key: string }[] }) => (result.ok ? [] : (result.errors ?? []).map((e) => e.key.split('.').pop()))

describe('registration and licence checks', () => {
  it('needs a past registration date for WEMWBS/SWEMWBS and a future end date for licences', () => {
    assert.deepEqual(validatePermission({ instrumentId: 'swemwbs', reference: 'W-1', registeredOn: '2026-12-01', validUntil: null }, today), {
      ok: true,
      permission: { instrumentId: 'swemwbs', kind: 'registration', reference: 'W-1', registeredOn: '2026-12-01', validUntil: null },
    })
    assert.deepEqual(keys(validatePermission({ instrumentId: 'swemwbs', reference: 'W-1', registeredOn: '2026-12-05', validUntil: null }, today)), ['registeredOnFuture'])
    assert.deepEqual(keys(validatePermission({ instrumentId: 'pam', reference: ' ', registeredOn: null, validUntil: '2026-12-03' }, today)), ['referenceMissing', 'validUntilPast'])
    assert.deepEqual(keys(validatePermission({ instrumentId: 'eq5d5l', reference: 'E', registeredOn: null, validUntil: '2026-02-30' }, today)), ['dateInvalid'])
    assert.equal(validatePermission({ instrumentId: 'mycaw', reference: 'M', registeredOn: null, validUntil: today }, today).ok, true)
    // ONS4 needs neither, so there is nothing to record for it.
    assert.deepEqual(keys(validatePermission({ instrumentId: 'ons4', reference: 'X', registeredOn: null, validUntil: null }, today)), ['instrumentId'])
  })
})

describe('approved translation files', () => {
  const file = {
    instrumentId: 'ons_loneliness_direct',
    language: 'cy',
    instructions: '',
    items: { ons_lonely: '[approved]' },
    responseLabels: { often_always: 'a', some_of_the_time: 'b', occasionally: 'c', hardly_ever: 'd', never: 'e' },
    approvedBy: 'ONS',
    approvalReference: 'R-1',
  }
  it('accepts a complete file, as text or as an object', () => {
    assert.equal(validateTranslation(JSON.stringify(file)).ok, true)
    assert.equal(validateTranslation(file).ok, true)
  })
  it('names every missing or extra item and answer, and refuses what is not a file', () => {
    assert.deepEqual(keys(validateTranslation({ ...file, items: { other: 'x' }, responseLabels: { ...file.responseLabels, never: '', sometimes: 'x' } })), ['itemMissing', 'itemExtra', 'labelMissing', 'labelExtra'])
    assert.deepEqual(keys(validateTranslation({ ...file, language: 'en', approvedBy: '', extra: 1 })), ['language', 'approvedBy', 'fieldExtra'])
    assert.deepEqual(keys(validateTranslation('')), ['empty'])
    assert.deepEqual(keys(validateTranslation('{nope')), ['notJson'])
    assert.deepEqual(keys(validateTranslation('[]')), ['notObject'])
    // Licensed tools ship no items, so there is nothing of theirs to translate.
    assert.deepEqual(keys(validateTranslation({ ...file, instrumentId: 'pam' })), ['instrument'])
  })
})
