import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { preferredFormat, type ShareablePerson, validateConnection, validateStatusChange } from './forms.js'
import { checkActOnSuggestion, connectionTimes, daysBetween } from './lifecycle.js'

const person: ShareablePerson = {
  given_name: 'Siân',
  family_name: 'Llŷr',
  date_of_birth: '1960-05-01',
  phone: null,
  email: 'sian@example.org',
  contact_methods: ['email'],
  contact_times: null,
  language: 'cy',
  communication_needs: [],
  interpreter_language: null,
}
const service = '3f1b2c4d-1111-4222-8333-944445555666'
const today = new Date('2026-07-15T12:00:00Z')

describe('connections: the rest of issue 5 §5 as pure rules', () => {
  it('gives a signpost in the person’s preferred format and language unless told otherwise', () => {
    assert.equal(preferredFormat(person), 'email')
    assert.equal(preferredFormat({ ...person, communication_needs: ['large_print'] }), 'large_print')
    assert.equal(preferredFormat({ ...person, contact_methods: ['text'] }), 'text_message')
    assert.equal(preferredFormat({ ...person, contact_methods: ['letter'] }), 'leaflet')
    const byDefault = validateConnection({ serviceId: service, kind: 'signpost' }, person, today)
    assert.deepEqual(byDefault.errors, [])
    assert.equal(byDefault.value.signpostFormat, 'email')
    assert.equal(byDefault.value.signpostLanguage, 'cy')
    const chosen = validateConnection(
      { serviceId: service, kind: 'signpost', signpostFormat: 'verbal', signpostLanguage: 'en' },
      person,
      today,
    )
    assert.deepEqual([chosen.value.signpostFormat, chosen.value.signpostLanguage], ['verbal', 'en'])
    assert.deepEqual(
      validateConnection(
        { serviceId: service, kind: 'signpost', signpostFormat: 'carrier pigeon' },
        person,
        today,
      ).errors.map((e) => e.key),
      ['connections.errors.formatMissing'],
    )
    assert.equal(
      validateConnection(
        { serviceId: service, kind: 'supported_introduction', signpostFormat: 'verbal' },
        person,
        today,
      ).value.signpostFormat,
      null,
    )
  })

  it('takes a travel mode from the list and a distance from 0 to 1000 km (CDS #17, #18)', () => {
    const ok = validateConnection(
      { serviceId: service, kind: 'supported_introduction', travelMode: 'bus', distance: '3,5' },
      person,
      today,
    )
    assert.deepEqual(ok.errors, [])
    assert.deepEqual([ok.value.travelMode, ok.value.distanceKm], ['bus', 3.5])
    const keys = (raw: Record<string, unknown>) =>
      validateConnection({ serviceId: service, kind: 'supported_introduction', ...raw }, person, today).errors.map(
        (e) => e.key,
      )
    assert.deepEqual(keys({ travelMode: 'hovercraft' }), ['connections.errors.travelModeUnknown'])
    assert.deepEqual(keys({ distance: '-2' }), ['connections.errors.distanceInvalid'])
    assert.deepEqual(keys({ distance: '1001' }), ['connections.errors.distanceInvalid'])
    assert.deepEqual(keys({ suggestionId: 'nonsense' }), ['connections.errors.suggestionGone'])
  })

  it('records barriers (#80) and reasons for not acting (#55) only with the moves where the person did not go on', () => {
    const dna = validateStatusChange({
      status: 'did_not_attend',
      barriers: ['transport', 'cost'],
      notActingReasons: 'not_ready',
    })
    assert.deepEqual(dna.errors, [])
    assert.deepEqual(dna.value.barriers, ['cost', 'transport'])
    assert.deepEqual(dna.value.notActingReasons, ['not_ready'])
    const keys = (raw: Record<string, unknown>) => validateStatusChange(raw).errors.map((e) => e.key)
    assert.deepEqual(keys({ status: 'first_attended', barriers: ['transport'] }), [
      'connections.errors.reasonsNotExpected',
    ])
    assert.deepEqual(keys({ status: 'withdrew', barriers: ['weather'] }), ['connections.errors.barrierUnknown'])
    assert.deepEqual(keys({ status: 'withdrew', notActingReasons: ['other'] }), ['connections.errors.otherNeedsWords'])
    assert.deepEqual(keys({ status: 'withdrew', notActingReasons: ['other'], note: 'Moving to Bangor' }), [])
  })

  it('acts on a suggestion once, and counts the days to the first response and attendance (CDS #46, #104)', () => {
    assert.equal(checkActOnSuggestion('suggested', 'referral').ok, true)
    assert.equal(checkActOnSuggestion('suggested', 'signpost').ok, true)
    assert.equal(checkActOnSuggestion('referred', 'referral').ok, false)
    assert.equal(checkActOnSuggestion('withdrew', 'signpost').ok, false)
    assert.equal(daysBetween(new Date('2026-07-01T10:00:00Z'), null), null)
    assert.equal(daysBetween(new Date('2026-07-01T10:00:00Z'), new Date('2026-07-01T18:00:00Z')), 0)
    assert.deepEqual(
      connectionTimes({
        created_at: new Date('2026-07-01T10:00:00Z'),
        first_responded_at: new Date('2026-07-04T09:00:00Z'),
        first_attended_at: new Date('2026-07-11T10:00:00Z'),
      }),
      { daysToFirstResponse: 2, daysToFirstAttendance: 10 },
    )
  })
})
