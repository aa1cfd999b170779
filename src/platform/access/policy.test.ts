import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Role } from '../db/schema.js'
import { type Actor, can, isAction, rules } from './policy.js'

const actor = (roles: Role[], organisationId = 'org-a', userId = 'user-a'): Actor => ({ userId, organisationId, organisationType: 'provider', roles })

describe('access policy', () => {
  it('lets anyone take public actions and nobody anonymous take any other', () => {
    assert.equal(can(null, 'public'), true)
    for (const action of Object.keys(rules)) {
      if (action !== 'public' && isAction(action)) assert.equal(can(null, action), false, action)
    }
  })

  it('keeps administration to administrators', () => {
    for (const role of ['practitioner', 'team_lead', 'referrer', 'asset', 'directory_editor', 'commissioner'] as Role[]) {
      assert.equal(can(actor([role]), 'admin.users.manage'), false, role)
      assert.equal(can(actor([role]), 'admin.audit.search'), false, role)
    }
    assert.equal(can(actor(['admin']), 'admin.users.manage'), true)
  })

  it('lets a user act on their own account only', () => {
    const me = actor(['practitioner'])
    assert.equal(can(me, 'api_tokens.manage_own', { organisationId: 'org-a', userId: 'user-a' }), true)
    assert.equal(can(me, 'api_tokens.manage_own', { organisationId: 'org-a', userId: 'user-b' }), false)
    assert.equal(can(actor(['admin']), 'account.change_password', { organisationId: 'org-a', userId: 'user-b' }), false)
  })

  it('knows only the actions it defines', () => {
    assert.equal(isAction('admin.users.view'), true)
    assert.equal(isAction('toString'), false)
    assert.equal(isAction(undefined), false)
  })
})
