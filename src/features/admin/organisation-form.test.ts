import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { changedOrganisationFields, validateOrganisation } from './organisation-form.js'

const known = new Set(['W06000015', 'W06000014', 'W06000001'])

describe('validateOrganisation', () => {
  it('accepts a complete organisation, trimming names and sorting areas without repeats', () => {
    const { input, errors } = validateOrganisation({ name: '  Ty Hapus  ', nameCy: ' Tŷ Hapus ', type: 'asset', localAuthorities: ['W06000015', 'W06000001', 'W06000015'] }, known)
    assert.deepEqual(errors, [])
    assert.deepEqual(input, { name: 'Ty Hapus', nameCy: 'Tŷ Hapus', type: 'asset', localAuthorities: ['W06000001', 'W06000015'] })
  })

  it('takes a single checkbox value as a list and a blank Welsh name as none', () => {
    const { input } = validateOrganisation({ name: 'One', nameCy: '   ', type: 'provider', localAuthorities: 'W06000014' }, known)
    assert.equal(input?.nameCy, null)
    assert.deepEqual(input?.localAuthorities, ['W06000014'])
  })

  it('needs a name and a type', () => {
    const { input, errors, values } = validateOrganisation({ name: ' ', type: '' }, known)
    assert.equal(input, null)
    assert.deepEqual(
      errors.map((e) => e.key),
      ['admin.organisations.errors.nameMissing', 'admin.organisations.errors.typeMissing'],
    )
    assert.equal(values.name, ' ')
  })

  it('refuses names over 200 characters, counting Welsh letters as one each', () => {
    assert.deepEqual(validateOrganisation({ name: 'ŵ'.repeat(200), type: 'asset' }, known).errors, [])
    const { errors } = validateOrganisation({ name: 'a'.repeat(201), nameCy: 'ŷ'.repeat(201), type: 'asset' }, known)
    assert.deepEqual(
      errors.map((e) => [e.field, e.key, e.params?.max]),
      [
        ['name', 'admin.organisations.errors.nameTooLong', 200],
        ['nameCy', 'admin.organisations.errors.nameCyTooLong', 200],
      ],
    )
  })

  it('refuses an unknown type and local authorities not in the reference table', () => {
    const { errors } = validateOrganisation({ name: 'X', type: 'charity', localAuthorities: ['W06000015', 'E09000001'] }, known)
    assert.deepEqual(
      errors.map((e) => e.field),
      ['type', 'localAuthorities'],
    )
  })

  it('treats values of the wrong shape as missing', () => {
    const { errors } = validateOrganisation({ name: { x: 1 }, type: ['asset'] }, known)
    assert.deepEqual(
      errors.map((e) => e.key),
      ['admin.organisations.errors.nameMissing', 'admin.organisations.errors.typeMissing'],
    )
  })
})

describe('changedOrganisationFields', () => {
  it('names the fields that differ, ignoring the order of areas', () => {
    const before = { name: 'A', nameCy: null, type: 'asset' as const, localAuthorities: ['W06000001', 'W06000015'] }
    assert.deepEqual(changedOrganisationFields(before, { ...before, localAuthorities: ['W06000015', 'W06000001'] }), [])
    assert.deepEqual(changedOrganisationFields(before, { name: 'B', nameCy: 'B', type: 'provider', localAuthorities: [] }), ['name', 'nameCy', 'type', 'localAuthorities'])
  })
})
