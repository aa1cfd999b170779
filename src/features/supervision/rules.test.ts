import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Actor } from '../../platform/access/policy.js'
import { isOverdue, mayRecordFor, maySeeReflections, maySeeSession, validateAction, validateSession } from './rules.js'

const ORG = 'org-a'
const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'
const C = '33333333-3333-4333-8333-333333333333'
const actor = (userId: string, roles: Actor['roles'], organisationId = ORG): Actor => ({ userId, organisationId, organisationType: 'provider', roles })
const session = { organisation_id: ORG, supervisee_id: A, supervisor_id: B }

describe('supervision rules', () => {
  it('lets the two people see the notes; a team lead sees the session only; nobody of another organisation sees either', () => {
    const cases: [Actor, boolean, boolean][] = [
      [actor(A, ['practitioner']), true, true],
      [actor(B, ['practitioner']), true, true],
      [actor(C, ['practitioner']), false, false],
      [actor(C, ['team_lead', 'practitioner']), true, false],
      [actor(C, ['team_lead'], 'org-b'), false, false],
      [actor(A, ['practitioner'], 'org-b'), false, false],
    ]
    for (const [who, session_, notes] of cases) {
      assert.equal(maySeeSession(who, session), session_, `${who.userId} ${who.roles.join()} session`)
      assert.equal(maySeeReflections(who, session), notes, `${who.userId} ${who.roles.join()} notes`)
    }
    assert.equal(mayRecordFor(actor(A, ['practitioner']), B), false)
    assert.equal(mayRecordFor(actor(B, ['practitioner']), B), true)
    assert.equal(mayRecordFor(actor(C, ['team_lead']), B), true)
  })

  it('refuses a future date, the same person twice, a stranger, an unknown topic, and names each field', () => {
    const members = new Set([A, B])
    const ok = validateSession({ superviseeId: A, supervisorId: B, heldOn: '2026-03-01', kind: 'peer', topics: ['caseload', 'caseload'] }, '2026-03-01', members)
    assert.deepEqual(ok, { ok: true, value: { superviseeId: A, supervisorId: B, heldOn: '2026-03-01', kind: 'peer', topics: ['caseload'], topicsNote: null } })
    const bad = validateSession({ superviseeId: C, supervisorId: C, heldOn: '2026-03-02', kind: 'chat', topics: ['gossip'] }, '2026-03-01', members)
    assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.key), [
      'supervision.errors.superviseeUnknown',
      'supervision.errors.supervisorUnknown',
      'supervision.errors.heldOnFuture',
      'supervision.errors.kind',
      'supervision.errors.topicUnknown',
    ])
    const same = validateSession({ superviseeId: A, supervisorId: A, heldOn: '2026-03-01', kind: 'peer', topics: ['other'] }, '2026-03-01', members)
    assert.deepEqual(same.ok ? [] : same.errors.map((e) => e.key), ['supervision.errors.samePerson'])
  })

  it('takes an action for one of the two people, with an optional due date; flags overdue open actions', () => {
    assert.deepEqual(validateAction({ description: ' Read ', ownerId: A }, session), { ok: true, value: { description: 'Read', ownerId: A, dueOn: null } })
    const bad = validateAction({ description: '', ownerId: C, dueOn: '2026-02-30' }, session)
    assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.key), ['supervision.errors.descriptionMissing', 'supervision.errors.owner', 'supervision.errors.dueOnInvalid'])
    assert.equal(isOverdue({ status: 'open', due_on: '2026-02-28' }, '2026-03-01'), true)
    assert.equal(isOverdue({ status: 'open', due_on: '2026-03-01' }, '2026-03-01'), false)
    assert.equal(isOverdue({ status: 'done', due_on: '2026-02-01' }, '2026-03-01'), false)
  })
})
