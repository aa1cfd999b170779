import { sql } from 'kysely'
import { barrierCodes } from '../../connections/barriers.js'
import { weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { affected, inChunks } from './frame.js'
import { progressNotes } from './phrases.js'
import { between, drawsFor, FIELD, pick } from './sql.js'

/*
 * support_contacts: for every episode a number of contacts by its level of support (contactRange), placed one per
 * equal slot of the episode's span so they are in order, the first being the What Matters conversation and, for a
 * closed episode, the last a review. Times fall in working hours. About 8% of the later contacts are missed (then no
 * duration, sometimes barriers); Welsh speakers' contacts are mostly in Welsh. One insert per chunk of episodes,
 * with a lateral generate_series per episode; the row key of contact j of episode n is n·16 + j.
 */

/** Contacts per episode, [min, max], by level of support (none chosen yet counts as holistic). */
export const contactRange = { signposting: [2, 4], short_term: [6, 10], holistic: [8, 12] } as const
/** At most one contact per this many days of the episode, so a short episode is not crowded. */
export const DAYS_PER_CONTACT = 3
export const DID_NOT_ATTEND = 0.09

export async function insertContacts(ctx: SynthContext, episodes: number, chunk: number): Promise<number> {
  return inChunks(episodes, chunk, async (from, to) => affected(await contactsInsert(ctx, from, to).execute(ctx.db)))
}

/** The insert of the contacts of episodes from … to (exported for EXPLAIN). */
export function contactsInsert(ctx: SynthContext, from: number, to: number) {
  const s = ctx.plan.seed
  const e = drawsFor(s, 'e.n', FIELD.contacts)
  const c = drawsFor(s, 'k.key', FIELD.contacts + 20)
  const [sMin, sMax] = contactRange.signposting
  const [tMin, tMax] = contactRange.short_term
  const [hMin, hMax] = contactRange.holistic
  const attended = progressNotes
  const barriers = barrierCodes.filter((b) => b !== 'other')
  return sql`insert into support_contacts (id, person_id, episode_id, organisation_id, occurred_at, mode, duration_minutes,
          with_whom, contact_type, did_not_attend, language, barriers, progress_note, recorded_by, created_at)
        select synth.id(${s}, 'contact', k.key), e.person_id, e.id, e.organisation_id, t.occurred_at, m.mode,
          case when d.dna then ${sql.raw(`case when ${c(7)} < 0.2 then 0 end`)}
            else case m.mode when 'face_to_face' then ${sql.raw(between(c(8), 6, 18))} * 5 when 'phone' then ${sql.raw(between(c(8), 2, 8))} * 5
              when 'video' then ${sql.raw(between(c(8), 4, 12))} * 5 when 'home_visit' then ${sql.raw(between(c(8), 9, 24))} * 5
              else ${sql.raw(between(c(8), 1, 3))} * 5 end end,
          case when ty.type = 'accompanied_visit' then array['person', 'asset']
            else string_to_array(${sql.raw(weighted(c(3), { person: 86, 'person carer': 8, carer: 3, 'person referrer': 2, referrer: 1 }))}, ' ') end,
          ty.type, d.dna, l.language,
          case when d.dna and ${sql.raw(c(9))} < 0.5 then array[${sql.raw(pick(c(10), barriers))}] else '{}' end,
          case when l.language = 'cy' and ${sql.raw(c(11))} < 0.7 then ${sql.raw(pick(c(12), attended.welsh))}
            when d.dna then ${sql.raw(pick(c(12), attended.did_not_attend))}
            when ${sql.raw(c(11))} < 0.25 then null
            else case ty.type when 'what_matters' then ${sql.raw(pick(c(12), attended.what_matters))}
              when 'review' then ${sql.raw(pick(c(12), attended.review))} when 'follow_up' then ${sql.raw(pick(c(12), attended.follow_up))}
              when 'accompanied_visit' then ${sql.raw(pick(c(12), attended.accompanied_visit))} else ${sql.raw(pick(c(12), attended.other))} end end,
          e.practitioner_id, t.occurred_at + ${sql.raw(c(13))} * interval '6 hours'
        from synth.journey_episodes e
        cross join lateral (select greatest(1, least(
            case e.level_of_support when 'signposting' then ${sql.raw(between(e(1), sMin, sMax))}
              when 'short_term' then ${sql.raw(between(e(1), tMin, tMax))} else ${sql.raw(between(e(1), hMin, hMax))} end,
            1 + floor(extract(epoch from e.ends_at - e.started_at) / ${DAYS_PER_CONTACT * 86400})::int)) as count offset 0) n
        cross join lateral generate_series(1, n.count) j
        cross join lateral (select e.n * 16 + j as key) k
        cross join lateral (select case when j = 1 then 'what_matters' when j = n.count and e.status = 'closed' then 'review'
            else ${sql.raw(weighted(c(1), { follow_up: 45, review: 20, accompanied_visit: 8, other: 27 }))} end as type offset 0) ty
        cross join lateral (select case when ty.type = 'accompanied_visit' then 'face_to_face'
            when ty.type = 'what_matters' then ${sql.raw(weighted(c(2), { face_to_face: 55, phone: 25, home_visit: 15, video: 5 }))}
            else ${sql.raw(weighted(c(2), { face_to_face: 35, phone: 35, video: 6, home_visit: 10, message: 14 }))} end as mode offset 0) m
        cross join lateral (select j > 1 and m.mode <> 'message' and ${sql.raw(c(4))} < ${DID_NOT_ATTEND} as dna offset 0) d
        cross join lateral (select case when e.interpreter_language is not null then 'other'
            when e.language = 'cy' and ${sql.raw(c(5))} < 0.85 then 'cy' else 'en' end as language offset 0) l
        cross join lateral (select e.started_at + (e.ends_at - e.started_at) * ((j - 1 + ${sql.raw(c(6))}) / n.count) as at offset 0) r
        -- Working hours: the day's 24 hours squeezed into 09:00–17:00 (monotone, so the slots stay in order), then
        -- kept inside the episode a minute apart.
        cross join lateral (select least(e.ends_at - (n.count - j) * interval '1 minute', greatest(e.started_at + (j - 1) * interval '1 minute',
            date_trunc('day', r.at at time zone 'UTC') at time zone 'UTC' + interval '9 hours'
              + (r.at - date_trunc('day', r.at at time zone 'UTC') at time zone 'UTC') / 3)) as occurred_at offset 0) t
        where e.n between ${from} and ${to}`
}
