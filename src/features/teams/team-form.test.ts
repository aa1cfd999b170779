import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { changedTeamFields, readTeamField, userTeamError, validateTeam } from './team-form.js'

describe('a team’s names', () => {
  it('are trimmed, and a blank Welsh name is none', () => {
    assert.deepEqual(validateTeam({ name: '  North ', nameCy: ' Gogledd ' }).input, { name: 'North', nameCy: 'Gogledd' })
    assert.deepEqual(validateTeam({ name: 'South', nameCy: '  ' }).input, { name: 'South', nameCy: null })
  })

  it('need a name, and neither may be over 200 characters (Welsh letters count once)', () => {
    assert.deepEqual(validateTeam({ name: ' ' }).errors.map((e) => e.key), ['teams.errors.nameMissing'])
    assert.deepEqual(validateTeam({ name: 'ŵ'.repeat(200), nameCy: 'ŷ'.repeat(200) }).errors, [])
    assert.deepEqual(validateTeam({ name: 'a'.repeat(201), nameCy: 'ŷ'.repeat(201) }).errors.map((e) => e.key), ['teams.errors.nameTooLong', 'teams.errors.nameCyTooLong'])
  })

  it('report which fields a rename changed', () => {
    assert.deepEqual(changedTeamFields({ name: 'North', nameCy: null }, { name: 'North', nameCy: 'Gogledd' }), ['nameCy'])
    assert.deepEqual(changedTeamFields({ name: 'North', nameCy: 'Gogledd' }, { name: 'North', nameCy: 'Gogledd' }), [])
  })
})

describe('a user’s team', () => {
  const teams = new Map([
    ['t-north', { organisationId: 'cardiff', archived: false }],
    ['t-old', { organisationId: 'cardiff', archived: true }],
    ['t-bangor', { organisationId: 'gwynedd', archived: false }],
  ])

  it('is one of the user’s organisation’s current teams, or none', () => {
    assert.equal(userTeamError(null, 'cardiff', teams, null), null)
    assert.equal(userTeamError('t-north', 'cardiff', teams, null), null)
    assert.equal(userTeamError('t-bangor', 'cardiff', teams, null)?.key, 'teams.errors.teamNotInOrganisation')
    assert.equal(userTeamError('t-nowhere', 'cardiff', teams, null)?.key, 'teams.errors.teamNotInOrganisation')
  })

  it('may stay in an archived team but not join one', () => {
    assert.equal(userTeamError('t-old', 'cardiff', teams, 't-old'), null)
    assert.equal(userTeamError('t-old', 'cardiff', teams, 't-north')?.key, 'teams.errors.teamArchived')
  })

  it('is read from the body: absent, blank or null, or an id', () => {
    assert.deepEqual(readTeamField({}), { given: false, teamId: null, value: '' })
    assert.deepEqual(readTeamField({ teamId: '' }), { given: true, teamId: null, value: '' })
    assert.deepEqual(readTeamField({ teamId: null }), { given: true, teamId: null, value: '' })
    assert.deepEqual(readTeamField({ teamId: ' ABC ' }), { given: true, teamId: 'abc', value: 'ABC' })
  })
})
