import { sql } from 'kysely'
import { normal, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { affected, inChunks } from './frame.js'
import { scoreLookup, swemwbsRawBounds, type SyntheticInstrument, syntheticInstruments } from './scores.js'
import { between, drawsFor, FIELD, lit } from './sql.js'

/*
 * measures: a baseline for about 85% of episodes — SWEMWBS mostly, WEMWBS for some, and for about 40% a second
 * instrument (ONS4, UCLA-3, De Jong Gierveld, GSE, the ONS direct question) — and for about 55% of those later
 * measures of the same instruments: at the episode's end (exit), half-way through a longer one (review), and
 * sometimes three months after (follow_up). Every instrument reads one latent wellbeing level per episode, z, which
 * improves by CHANGE (SWEMWBS: 4 metric points per unit of z, so +2 points mean, SD 3.5). Answers are made in SQL
 * from z; the scores are the instruments feature's own, looked up by key (scores.ts). All complete; items in English
 * (no approved Welsh translation is loaded in a synthetic set, so the app would show English).
 * Row key of measure (instrument slot s, occasion o) of episode n is n·8 + (s − 1)·4 + o − 1.
 */
export const MEASURES = { baseline: 0.85, second: 0.4, later: 0.55, review: 0.5, followUp: 0.15 } as const
/** Latent change per episode in units of z: mean 0.5, SD 0.875 (SWEMWBS metric: mean +2, SD 3.5). */
export const CHANGE = { mean: 0.5, sd: 0.875 } as const

export async function prepareMeasures(ctx: SynthContext, until: string): Promise<void> {
  const { db, plan } = ctx
  const s = plan.seed
  const e = drawsFor(s, 'e.n', FIELD.measures)
  await sql`create unlogged table synth.journey_scores (instrument text, key text, scores jsonb, primary key (instrument, key))`.execute(
    db,
  )
  for (const instrument of Object.values(syntheticInstruments)) {
    const rows = scoreLookup(instrument)
    for (let i = 0; i < rows.length; i += 2000)
      await sql`insert into synth.journey_scores values ${sql.raw(
        rows
          .slice(i, i + 2000)
          .map((r) => `(${lit(instrument.id)}, ${lit(r.key)}, ${lit(r.scores)}::jsonb)`)
          .join(','),
      )}`.execute(db)
  }
  const end = `(${lit(until)}::date + 1)::timestamptz`
  await sql`create unlogged table synth.journey_measure_plan as
    select e.n * 8 + (sl.slot - 1) * 4 + o.occ - 1 as key, e.n as episode_n, sl.instrument, o.occasion, o.at,
      d.z + d.change * o.progress as z
    from synth.journey_episodes e
    cross join lateral (select ${sql.raw(e(1))} < ${MEASURES.baseline} as baseline, ${sql.raw(e(5))} < ${MEASURES.later} as later,
        ${sql.raw(normal(s, 'e.n', FIELD.measures + 8))} as z,
        ${CHANGE.mean} + ${CHANGE.sd} * ${sql.raw(normal(s, 'e.n', FIELD.measures + 9))} as change,
        e.started_at + ${sql.raw(between(e(10), 0, 14))} * interval '1 day' + interval '10 hours' as base_at) d
    cross join lateral (values (1, ${sql.raw(weighted(e(2), { swemwbs: 82, wemwbs: 18 }))}),
        (2, case when ${sql.raw(e(3))} < ${MEASURES.second} then ${sql.raw(weighted(e(4), { ons4: 45, ucla3_ons: 25, djg6: 10, gse: 10, ons_loneliness_direct: 10 }))} end)) sl(slot, instrument)
    cross join lateral (values
        (1, 'baseline', least(d.base_at, e.ends_at), 0.0, true),
        (2, 'review', e.started_at + (e.ends_at - e.started_at) / 2, 0.6,
          d.later and ${sql.raw(e(6))} < ${MEASURES.review} and e.ends_at - e.started_at >= interval '42 days' and e.started_at + (e.ends_at - e.started_at) / 2 > d.base_at),
        (3, 'exit', e.ended_at, 1.0, d.later and e.status = 'closed' and e.ended_at > d.base_at),
        (4, 'follow_up', e.ended_at + interval '90 days', 0.9,
          d.later and e.status = 'closed' and ${sql.raw(e(7))} < ${MEASURES.followUp} and e.ended_at + interval '90 days' < ${sql.raw(end)})
      ) o(occ, occasion, at, progress, present)
    where d.baseline and sl.instrument is not null and o.present`.execute(db)
  await sql`create index on synth.journey_measure_plan (instrument, episode_n)`.execute(db)
  await sql`analyze synth.journey_measure_plan`.execute(db)
}

/** SQL text: the answers of a 'sum' instrument with total `total` (key m.key): spread evenly, then one pair nudged. */
function sumAnswers(instrument: SyntheticInstrument, seed: number, total: string): { values: string[] } {
  if (!('min' in instrument.values)) throw new Error('numeric instrument expected')
  const { min, max } = instrument.values
  const k = instrument.items.length
  const m = drawsFor(seed, 'm.key', FIELD.measures + 40)
  const over = `(${total} - ${k * min})`
  const off = `floor(${m(1)} * ${k})::int`
  const a = `floor(${m(2)} * ${k})::int`
  const b = `((${a} + 1 + floor(${m(3)} * ${k - 1})::int) % ${k})`
  const before = (i: string) => `(${min} + ${over} / ${k} + (((${i} + ${off}) % ${k}) < ${over} % ${k})::int)`
  const nudge = `(${before(a)} < ${max} and ${before(b)} > ${min})`
  return {
    values: instrument.items.map(
      (_, i) =>
        `(${before(String(i))} + case when ${nudge} and ${i} = ${a} then 1 when ${nudge} and ${i} = ${b} then -1 else 0 end)`,
    ),
  }
}

const clamp = (x: string, lo: number, hi: number) => `greatest(${lo}, least(${hi}, ${x}))::int`

/** SQL text of each item's answer for an instrument, from the plan row `m` (its z and key). */
function answersOf(instrument: SyntheticInstrument, seed: number): { values: string[]; total?: string } {
  const noise = (i: number) => normal(seed, 'm.key', FIELD.measures + 60 + i)
  const z = `(m.z + 0.25 * ${noise(0)})`
  switch (instrument.id) {
    case 'swemwbs': {
      const metric = `(19.5 + 4 * ${z})`
      return {
        total: `(7 + width_bucket(${metric}, array[${swemwbsRawBounds().join(',')}]::float8[]))`,
        values: sumAnswers(instrument, seed, 'tt.total').values,
      }
    }
    case 'wemwbs':
    case 'gse':
    case 'ucla3_ons': {
      const total =
        instrument.id === 'wemwbs'
          ? clamp(`round(41 + 8.5 * ${z})`, 14, 70)
          : instrument.id === 'gse'
            ? clamp(`round(27 + 5 * ${z})`, 10, 40)
            : clamp(`round(6 - 1.5 * ${z})`, 3, 9)
      return { total, values: sumAnswers(instrument, seed, 'tt.total').values }
    }
    case 'ons4': {
      const values = [`5 + 2 * ${z}`, `5.8 + 1.8 * ${z}`, `5.2 + 2.2 * ${z}`, `5 - 2 * ${z}`].map((x, i) =>
        clamp(`round(${x} + 0.8 * ${noise(i + 1)})`, 0, 10),
      )
      return { values }
    }
    case 'djg6': {
      // Loneliness 1 (none) … 5 (much); emotional items say 'yes' when lonely, social ones 'no'.
      const values = instrument.items.map((item, i) => {
        const level = `(3 - 1.3 * ${z} + ${noise(i + 1)})`
        const [lonely, notLonely] = item.startsWith('djg_e') ? ["'yes'", "'no'"] : ["'no'", "'yes'"]
        return `(case when ${level} > 3.5 then ${lonely} when ${level} > 2.5 then 'more_or_less' else ${notLonely} end)`
      })
      return { values }
    }
    case 'ons_loneliness_direct': {
      const codes = 'codes' in instrument.values ? instrument.values.codes : []
      const value = `(array[${codes.map(lit).join(',')}])[${clamp(`round(3 + 1.2 * ${z})`, 1, codes.length)}]`
      return { values: [value] }
    }
    default:
      throw new Error(`no synthetic answers for ${instrument.id}`)
  }
}

export async function insertMeasures(ctx: SynthContext, episodes: number, chunk: number): Promise<number> {
  const { db, plan } = ctx
  const s = plan.seed
  const m = drawsFor(s, 'm.key', FIELD.measures + 20)
  let rows = 0
  for (const instrument of Object.values(syntheticInstruments)) {
    const answers = answersOf(instrument, s)
    const json = `jsonb_build_object(${instrument.items.map((item, i) => `${lit(item)}, a.v${i + 1}`).join(', ')})`
    const columns = answers.values.map((v, i) => `${v} as v${i + 1}`).join(', ')
    // The lookup key from the answers themselves: their total, or every answer in item order.
    const cells = instrument.items.map((_, i) => `a.v${i + 1}`)
    const key = instrument.key === 'sum' ? `(${cells.join(' + ')})::text` : `concat_ws('|', ${cells.join(', ')})`
    rows += await inChunks(episodes, chunk, async (from, to) =>
      affected(
        await sql`insert into measures (id, person_id, episode_id, organisation_id, instrument_id, occasion, mode, status, answers, scores,
            item_language, taken_on, created_by, created_at, updated_at, completed_at)
          select synth.id(${s}, 'measure', m.key), e.person_id, e.id, e.organisation_id, m.instrument, m.occasion, md.mode, 'complete',
            ${sql.raw(json)}, sc.scores, 'en', (m.at at time zone 'UTC')::date, e.practitioner_id,
            m.at - case when md.mode = 'self_completed' then ${sql.raw(between(m(2), 1, 5))} * interval '1 day' else interval '0' end, m.at, m.at
          from synth.journey_measure_plan m
          join synth.journey_episodes e on e.n = m.episode_n
          cross join lateral (select ${sql.raw(weighted(m(1), { with_practitioner: 85, self_completed: 15 }))} as mode offset 0) md
          cross join lateral (select ${sql.raw(answers.total ?? 'null::int')} as total offset 0) tt
          cross join lateral (select ${sql.raw(columns)} offset 0) a
          cross join lateral (select ${sql.raw(key)} as key) k
          join synth.journey_scores sc on sc.instrument = ${instrument.id} and sc.key = k.key
          where m.instrument = ${instrument.id} and m.episode_n between ${from} and ${to}`.execute(db),
      ),
    )
  }
  return rows
}
