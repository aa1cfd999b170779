import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { type Answers, type InstrumentId, validateAnswers } from '../instruments/contract.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { saveMeasureAnswers } from './record.js'
import { insertMeasure } from './repository.js'
import type { Occasion } from './schema.js'

/*
 * Demo measures (issue 6 §7) for the demo journey's allocated episodes: SWEMWBS and ONS4 at baseline for everyone,
 * UCLA loneliness for every other person, and for episodes that have run six weeks or more (or closed) a follow-up
 * (or exit) with realistic change: SWEMWBS mostly better by one to five metric points, some unchanged, some worse.
 * Deterministic: the same people get the same answers on every load. Written through the contract's validation and
 * this feature's repository, like the pages.
 */

const DAY = 86_400_000
/** Raw SWEMWBS change from baseline per person, in order; raw 7-point steps map to roughly 1–5 metric points. */
const SWEMWBS_CHANGE = [4, 2, 6, 0, 3, -2, 5, 1, 3, 7, -1, 2, 4, 0, 3]
const SWEMWBS_BASELINE = [19, 21, 17, 23, 20, 22, 18, 24, 16, 20, 25, 19, 21, 22, 18]

/** Seven answers 1–5 that add up to `raw` (7–35), spread evenly as a person's would be. */
export function swemwbsAnswers(raw: number): Answers {
  const total = Math.min(35, Math.max(7, raw))
  const base = Math.floor(total / 7)
  const extra = total - base * 7
  return Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`swemwbs_${i + 1}`, Math.min(5, base + (i < extra ? 1 : 0))]))
}

const ons4Answers = (i: number, later: boolean): Answers => {
  const lift = later ? (SWEMWBS_CHANGE[i % SWEMWBS_CHANGE.length] as number) > 0 ? 2 : 0 : 0
  return { ons4_satisfaction: Math.min(10, 4 + (i % 3) + lift), ons4_worthwhile: Math.min(10, 5 + (i % 2) + lift), ons4_happiness: Math.min(10, 4 + (i % 4) + lift), ons4_anxiety: Math.max(0, 6 - (i % 3) - lift) }
}

/** UCLA three items, 1 (hardly ever) to 3 (often); a total that falls by one or two when things improve. */
const uclaAnswers = (i: number, later: boolean): Answers => {
  const level = later && (SWEMWBS_CHANGE[i % SWEMWBS_CHANGE.length] as number) > 1 ? 1 : 2 + (i % 2)
  return { ucla3_1: level, ucla3_2: Math.min(3, level + (i % 2)), ucla3_3: level }
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10)

/** Loads the demo measures once; a second call adds nothing. Returns how many measures it wrote. */
export async function loadMeasureDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const episodes = await db
    .selectFrom('episodes as e')
    .innerJoin('users as u', 'u.id', 'e.practitioner_id')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.person_id', 'e.organisation_id', 'e.started_at', 'e.ended_at', 'e.status', 'u.id as user_id'])
    .where('u.email', 'like', `%@${DEMO_DOMAIN}`)
    .orderBy('e.started_at', 'asc')
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute()
  if (episodes.length === 0) return 0
  const already = await db.selectFrom('measures as m').select('m.id').where('m.episode_id', 'in', episodes.map((e) => e.id)).limit(1).executeTakeFirst()
  if (already) return 0
  let written = 0
  await db.transaction().execute(async (trx) => {
    const take = async (e: (typeof episodes)[number], instrument: InstrumentId, occasion: Occasion, answers: Answers, at: Date) => {
      const checked = validateAnswers(instrument, answers)
      if (!checked.ok) throw new Error(`Demo ${instrument} answers are invalid: ${JSON.stringify(checked.errors)}`)
      const id = await insertMeasure(trx, { personId: e.person_id, episodeId: e.id, organisationId: e.organisation_id, instrumentId: instrument, occasion, mode: 'with_practitioner', status: 'partial', itemLanguage: 'en', createdBy: e.user_id, createdAt: at })
      await saveMeasureAnswers(trx, id, checked.answers, { final: true, takenOn: isoDay(at), now: at })
      written++
    }
    for (const [i, e] of episodes.entries()) {
      const baselineAt = new Date(e.started_at.getTime() + 2 * DAY)
      if (baselineAt.getTime() > now.getTime()) continue
      const baseline = SWEMWBS_BASELINE[i % SWEMWBS_BASELINE.length] as number
      await take(e, 'swemwbs', 'baseline', swemwbsAnswers(baseline), baselineAt)
      await take(e, 'ons4', 'baseline', ons4Answers(i, false), baselineAt)
      if (i % 2 === 0) await take(e, 'ucla3_ons', 'baseline', uclaAnswers(i, false), baselineAt)
      const end = e.ended_at ?? now
      const ranFor = (end.getTime() - e.started_at.getTime()) / DAY
      if (ranFor < 42) continue
      const laterAt = e.ended_at ? new Date(e.ended_at.getTime() - DAY) : new Date(now.getTime() - 3 * DAY)
      const occasion: Occasion = e.status === 'closed' ? 'exit' : 'follow_up'
      await take(e, 'swemwbs', occasion, swemwbsAnswers(baseline + (SWEMWBS_CHANGE[i % SWEMWBS_CHANGE.length] as number)), laterAt)
      await take(e, 'ons4', occasion, ons4Answers(i, true), laterAt)
      if (i % 2 === 0) await take(e, 'ucla3_ons', occasion, uclaAnswers(i, true), laterAt)
    }
  })
  return written
}
