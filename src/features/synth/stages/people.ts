import type { SynthContext, SynthStage } from '../run.js'
import { insertEpisodes, stageEpisodes } from '../people/episodes.js'
import { insertPeople, stagePeople } from '../people/people.js'
import { insertReferralRecords } from '../people/referral-records.js'
import { insertReferrals, stageReferrals } from '../people/referrals.js'
import { insertWhatMatters } from '../people/what-matters.js'
import { insertPlans } from '../people/plans.js'
import { insertOutcomes } from '../people/outcomes.js'

/**
 * Issue 9 synthetic data: the people stage — people, their referrals (with consents, contact attempts and the
 * notifications of triage), episodes of support (level events, closing, feedback to the referrer), What Matters
 * conversations, action plans with goals, scores and reviews, the plan-review follow-ups, healthcare use, closing
 * outcomes and the odd safeguarding concern. See
 * `src/features/synth/people/` and docs/performance.md "Synthetic people, referrals and episodes".
 *
 * Ids: person p = synth.id('person', p), referral r = synth.id('referral', r), episode e = synth.id('episode', e)
 * for e = 1 … plan.episodes; the journey stage builds on the rows of `episodes`.
 */
export const peopleStage: SynthStage = {
  name: 'people',
  async run(ctx: SynthContext) {
    const rows: Record<string, number> = {}
    const count = (table: string, n: bigint | undefined) => {
      rows[table] = (rows[table] ?? 0) + Number(n ?? 0)
    }
    const step = async (label: string, fn: () => Promise<void>) => {
      const t0 = performance.now()
      await fn()
      ctx.log(`synth: people: ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
    }
    await step('staged people', () => stagePeople(ctx))
    await step('people', async () => count('people', BigInt(await insertPeople(ctx))))
    await step('staged referrals', () => stageReferrals(ctx))
    await step('referrals', () => insertReferrals(ctx, count))
    await step('consents, contact attempts, notifications', () => insertReferralRecords(ctx, count))
    await step('staged episodes', () => stageEpisodes(ctx))
    await step('episodes and events', () => insertEpisodes(ctx, count))
    await step('what matters', () => insertWhatMatters(ctx, count))
    await step('action plans and follow-ups', () => insertPlans(ctx, count))
    await step('healthcare use, closing outcomes, safeguarding', () => insertOutcomes(ctx, count))
    return rows
  },
}
