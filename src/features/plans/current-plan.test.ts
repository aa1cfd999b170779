import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { currentPlan, type PlanReview, type PlanVersion } from './repository.js'

describe('the plan in force, from reviews read for the whole person (the person page)', () => {
  it('takes only the reviews of the latest plan’s episode, newest first, as a read by episode would', async () => {
    const latest = {
      episode_id: 'episode-2',
      review_on: '2026-12-01',
      created_at: new Date('2026-10-01T10:00:00Z'),
    } as unknown as PlanVersion
    const review = (id: string, episode: string, occasion: 'review' | 'end', at: string, next: string | null) =>
      ({ id, episode_id: episode, occasion, next_review_on: next, created_at: new Date(at) }) as unknown as PlanReview
    const personReviews = [
      review('r3', 'episode-2', 'review', '2026-11-20T10:00:00Z', '2027-01-15'),
      review('r2', 'episode-1', 'end', '2026-09-01T10:00:00Z', null),
      review('r1', 'episode-2', 'review', '2026-10-20T10:00:00Z', '2026-11-30'),
    ]
    // No database is touched when the versions and reviews are given.
    const plan = await currentPlan({} as Kysely<DB>, 'person', [latest], async () => personReviews)
    assert.deepEqual(
      plan?.reviews.map((r) => r.id),
      ['r3', 'r1'],
    )
    assert.equal(plan?.ended, false, 'the other episode’s end does not end this plan')
    assert.equal(plan?.reviewOn, '2027-01-15')
  })
})
