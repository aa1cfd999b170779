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

describe('access to people and referrals', () => {
  const own = { organisationId: 'org-a', referrerOrganisationId: 'gp-1' }
  it('keeps a person to the organisation supporting them', () => {
    assert.equal(can(actor(['practitioner'], 'org-a'), 'people.view', own), true)
    assert.equal(can(actor(['practitioner'], 'org-b'), 'people.view', own), false)
    assert.equal(can(actor(['admin'], 'org-a'), 'people.view', own), false)
    assert.equal(can(actor(['commissioner'], 'org-a'), 'people.view', own), false)
  })

  it('lets the referring organisation follow its own referrals only', () => {
    assert.equal(can(actor(['referrer'], 'gp-1'), 'referrals.view', own), true)
    assert.equal(can(actor(['referrer'], 'gp-2'), 'referrals.view', own), false)
    assert.equal(can(actor(['referrer'], 'gp-1'), 'referrals.triage', own), false)
  })

  it('leaves allocation to team leads of the receiving organisation', () => {
    assert.equal(can(actor(['team_lead'], 'org-a'), 'referrals.allocate', own), true)
    assert.equal(can(actor(['practitioner'], 'org-a'), 'referrals.allocate', own), false)
    assert.equal(can(actor(['team_lead'], 'org-b'), 'referrals.allocate', own), false)
  })
})

describe('access to connections to community assets', () => {
  const person = { organisationId: 'provider-a' }
  const managedBy = { organisationId: 'shed' }
  it('lets the person’s provider make and list connections, nobody else', () => {
    for (const action of ['connections.view', 'connections.create'] as const) {
      assert.equal(can(actor(['practitioner'], 'provider-a'), action, person), true)
      assert.equal(can(actor(['team_lead'], 'provider-a'), action, person), true)
      assert.equal(can(actor(['practitioner'], 'provider-b'), action, person), false)
      assert.equal(can(actor(['asset'], 'shed'), action, person), false)
    }
  })

  it('lets an asset’s users see and update only referrals to services their organisation manages', () => {
    for (const action of ['asset.connections.view', 'asset.connections.update'] as const) {
      assert.equal(can(actor(['asset'], 'shed'), action, managedBy), true)
      assert.equal(can(actor(['asset'], 'other-asset'), action, managedBy), false)
      assert.equal(can(actor(['practitioner'], 'shed'), action, managedBy), false)
      assert.equal(can(actor(['admin'], 'shed'), action, managedBy), false)
    }
  })
})

describe('personal API tokens', () => {
  it('are made only from a signed-in session, never by another token', () => {
    assert.equal(can({ ...actor(['referrer']), authenticatedBy: 'session' }, 'api_tokens.create'), true)
    assert.equal(can({ ...actor(['referrer']), authenticatedBy: 'token' }, 'api_tokens.create'), false)
    assert.equal(can({ ...actor(['referrer']), authenticatedBy: 'token' }, 'api_tokens.manage_own'), true)
  })
})
