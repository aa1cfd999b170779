import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Actor, can } from '../../../platform/access/policy.js'
import type { Role } from '../../../platform/db/schema.js'

const actor = (roles: Role[], organisationId = 'asset-a'): Actor => ({ userId: 'u', organisationId, organisationType: 'asset', roles })
const others: Role[] = ['practitioner', 'team_lead', 'referrer', 'commissioner']

describe('access to directory editing', () => {
  it('lets directory editors and administrators create, edit, verify and review, and nobody else', () => {
    for (const role of ['directory_editor', 'admin'] as Role[]) {
      assert.equal(can(actor([role]), 'directory.manage', { organisationId: 'anyone' }), true, role)
      assert.equal(can(actor([role]), 'directory.proposals.review'), true, role)
      assert.equal(can(actor([role]), 'directory.manage.view'), true, role)
    }
    for (const role of [...others, 'asset'] as Role[]) {
      assert.equal(can(actor([role]), 'directory.manage'), false, role)
      assert.equal(can(actor([role]), 'directory.proposals.review'), false, role)
    }
  })

  it('lets asset users update only the services their own organisation manages', () => {
    const asset = actor(['asset'], 'asset-a')
    assert.equal(can(asset, 'directory.manage.view'), true)
    assert.equal(can(asset, 'directory.services.update_own'), true)
    assert.equal(can(asset, 'directory.services.update_own', { organisationId: 'asset-a' }), true)
    assert.equal(can(asset, 'directory.services.update_own', { organisationId: 'asset-b' }), false)
    assert.equal(can(asset, 'directory.services.update_own', { organisationId: null }), false)
    for (const role of [...others, 'directory_editor', 'admin'] as Role[]) assert.equal(can(actor([role], 'asset-a'), 'directory.services.update_own', { organisationId: 'asset-a' }), false, role)
    for (const role of others) assert.equal(can(actor([role]), 'directory.manage.view'), false, role)
  })
})
