import { sql } from 'kysely'
import { insertConnections, prepareConnections } from '../journey/connections.js'
import { insertContacts } from '../journey/contacts.js'
import { buildEpisodeFrame } from '../journey/frame.js'
import { insertMeasures, prepareMeasures } from '../journey/measures.js'
import { insertVoice } from '../journey/voice.js'
import type { SynthContext, SynthStage } from '../run.js'

/**
 * Issue 9 synthetic data: the journey stage (see run.ts for the order). For every row of `episodes` — whatever the
 * people stage made — the support contacts, connections to services with their events and disclosures, measures,
 * the experience survey and outcomes in the person's own words (src/features/synth/journey/, docs/performance.md
 * "Synthetic support journey"). Its working tables live in the synth schema and go with it.
 */
export const JOURNEY_CHUNK = 100_000

export const journeyStage: SynthStage = {
  name: 'journey',
  run(outer: SynthContext) {
    // One connection for the whole stage, with JIT off: PostgreSQL otherwise spends seconds compiling each of
    // these wide one-off expressions (11 s of a 16 s contacts insert of 2,000 episodes, measured), for nothing.
    return outer.db.connection().execute(async (db) => {
      await sql`set jit = off`.execute(db)
      try {
        return await journey({ ...outer, db })
      } finally {
        await sql`reset jit`.execute(db)
      }
    })
  },
}

async function journey(ctx: SynthContext): Promise<Record<string, number>> {
  const until = ctx.plan.until
  const episodes = await buildEpisodeFrame(ctx.db, until)
  if (episodes === 0) return {}
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    const result = await run()
    ctx.log(`synth: journey: ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    return result
  }
  const contacts = await step('support contacts', () => insertContacts(ctx, episodes, JOURNEY_CHUNK))
  await prepareConnections(ctx)
  const connections = await step('connections', () => insertConnections(ctx, episodes, JOURNEY_CHUNK, until))
  await prepareMeasures(ctx, until)
  const measures = await step('measures', () => insertMeasures(ctx, episodes, JOURNEY_CHUNK))
  const voice = await step('experience and own words', () => insertVoice(ctx, until))
  return { support_contacts: contacts, ...connections, measures, ...voice }
}
