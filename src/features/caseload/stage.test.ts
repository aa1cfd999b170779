import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type StageFacts, stageOf } from './stage.js'

const start: StageFacts = {
  whatMattersCompleted: null,
  hasPlan: false,
  levelOfSupport: null,
  openConnections: 0,
  attendingConnections: 0,
  completedConnections: 0,
  openFollowUps: 0,
}
const planned: StageFacts = { ...start, whatMattersCompleted: true, hasPlan: true }

describe('the stage of a person on the caseload', () => {
  it('starts with contacting the person, then the What Matters conversation', () => {
    assert.equal(stageOf(start), 'to_contact')
    assert.equal(stageOf({ ...start, openFollowUps: 2 }), 'to_contact')
    assert.equal(stageOf({ ...start, whatMattersCompleted: false }), 'what_matters')
    assert.equal(stageOf({ ...start, whatMattersCompleted: false, hasPlan: true }), 'what_matters')
  })

  it('plans after a completed conversation, unless the support is signposting only', () => {
    assert.equal(stageOf({ ...start, whatMattersCompleted: true }), 'planning')
    assert.equal(stageOf({ ...start, whatMattersCompleted: true, levelOfSupport: 'signposting' }), 'connecting')
    assert.equal(stageOf({ ...start, whatMattersCompleted: true, levelOfSupport: 'holistic' }), 'planning')
  })

  it('is connecting until the person has started going somewhere', () => {
    assert.equal(stageOf(planned), 'connecting')
    assert.equal(stageOf({ ...planned, openConnections: 2 }), 'connecting')
    assert.equal(stageOf({ ...planned, openConnections: 1, openFollowUps: 1 }), 'connecting')
    // A connection made before any plan is still connecting, not planning.
    assert.equal(stageOf({ ...planned, hasPlan: false, openConnections: 1 }), 'connecting')
  })

  it('follows up while the person attends or follow-ups remain (CF 6.1)', () => {
    assert.equal(stageOf({ ...planned, openConnections: 1, attendingConnections: 1 }), 'following_up')
    assert.equal(stageOf({ ...planned, completedConnections: 1, openFollowUps: 1 }), 'following_up')
    assert.equal(stageOf({ ...planned, completedConnections: 1, openConnections: 1 }), 'following_up')
  })

  it('is ready to close when everything has ended with something completed and nothing is left to follow up', () => {
    assert.equal(stageOf({ ...planned, completedConnections: 2 }), 'ready_to_close')
    assert.equal(
      stageOf({ ...start, whatMattersCompleted: true, levelOfSupport: 'signposting', completedConnections: 1 }),
      'ready_to_close',
    )
  })
})
