import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { changedUserFields, initialPasswordError, parseUserFilters, selfEditErrors, validateUser } from './user-form.js'

const org = '2f1c7e4a-8a55-4a43-9b5c-6f1f4f1d2a10'
const orgs = new Set([org])
const valid = { name: ' Siân Jones ', email: ' Sian@Example.ORG ', organisationId: org, roles: ['practitioner', 'admin'] }

describe('validateUser', () => {
  it('accepts a new user, lower-casing the e-mail and ordering roles as the schema does', () => {
    const { input, errors } = validateUser(valid, orgs, 'create')
    assert.deepEqual(errors, [])
    assert.deepEqual(input, { name: 'Siân Jones', email: 'sian@example.org', organisationId: org, roles: ['admin', 'practitioner'], active: true })
  })

  it('lists every missing field at once', () => {
    const { input, errors } = validateUser({}, orgs, 'edit')
    assert.equal(input, null)
    assert.deepEqual(
      errors.map((e) => e.key),
      [
        'admin.users.errors.nameMissing',
        'admin.users.errors.emailMissing',
        'admin.users.errors.organisationMissing',
        'admin.users.errors.rolesMissing',
        'admin.users.errors.activeMissing',
      ],
    )
  })

  it('refuses a malformed e-mail, an unknown organisation and an unknown role', () => {
    const { errors } = validateUser({ ...valid, email: 'not an email', organisationId: 'a2f1c7e4-8a55-4a43-9b5c-6f1f4f1d2a10', roles: ['admin', 'superuser'] }, orgs, 'create')
    assert.deepEqual(
      errors.map((e) => e.key),
      ['admin.users.errors.emailInvalid', 'admin.users.errors.organisationInvalid', 'admin.users.errors.rolesInvalid'],
    )
  })

  it('reads active from the radios and from JSON', () => {
    assert.equal(validateUser({ ...valid, active: 'no' }, orgs, 'edit').input?.active, false)
    assert.equal(validateUser({ ...valid, active: true }, orgs, 'edit').input?.active, true)
    assert.equal(validateUser({ ...valid, active: 'maybe' }, orgs, 'edit').input, null)
  })

  it('keeps the typed values to show again', () => {
    const { values } = validateUser({ ...valid, roles: 'referrer' }, orgs, 'create')
    assert.deepEqual(values, { name: ' Siân Jones ', email: ' Sian@Example.ORG ', organisationId: org, roles: ['referrer'], active: 'yes' })
  })
})

describe('initialPasswordError', () => {
  it('lets a blank password through (Cyswllt will choose one) and a good one', () => {
    assert.equal(initialPasswordError(''), null)
    assert.equal(initialPasswordError('correct horse battery staple'), null)
  })

  it('words each problem passwordProblem finds', () => {
    assert.deepEqual(initialPasswordError('short'), { field: 'password', key: 'admin.users.errors.passwordTooShort', params: { min: 12 } })
    assert.equal(initialPasswordError(Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 23))).join(''))?.key, 'admin.users.errors.passwordTooLong')
    assert.equal(initialPasswordError('password2024!')?.key, 'admin.users.errors.passwordCommon')
  })
})

describe('selfEditErrors', () => {
  const me = 'me'
  const input = { name: 'A', email: 'a@b.cy', organisationId: org, roles: ['practitioner' as const], active: false }

  it('stops administrators removing their own admin role or deactivating themselves', () => {
    assert.deepEqual(
      selfEditErrors(me, me, input).map((e) => [e.field, e.key]),
      [
        ['roles', 'admin.users.errors.ownAdminRole'],
        ['active', 'admin.users.errors.deactivateSelf'],
      ],
    )
    assert.deepEqual(selfEditErrors(me, me, { ...input, roles: ['admin'], active: true }), [])
  })

  it('does not restrict changes to other people', () => {
    assert.deepEqual(selfEditErrors(me, 'someone else', input), [])
  })
})

describe('changedUserFields', () => {
  it('names changed fields only', () => {
    const before = { name: 'A', email: 'a@b.cy', organisationId: org, roles: ['admin' as const, 'practitioner' as const], active: true }
    assert.deepEqual(changedUserFields(before, { ...before, roles: ['practitioner', 'admin'] }), [])
    assert.deepEqual(changedUserFields(before, { ...before, email: 'c@d.cy', active: false }), ['email', 'active'])
  })
})

describe('parseUserFilters', () => {
  it('keeps filters that can match and drops the rest', () => {
    assert.deepEqual(parseUserFilters({ organisation: org, role: 'admin', q: ' sian ' }), {
      filters: { organisationId: org, role: 'admin', search: 'sian' },
      values: { organisation: org, role: 'admin', q: 'sian' },
    })
    assert.deepEqual(parseUserFilters({ organisation: 'drop table', role: 'root', q: ['a', 'b'] }), {
      filters: { search: 'a' },
      values: { organisation: '', role: '', q: 'a' },
    })
  })
})
