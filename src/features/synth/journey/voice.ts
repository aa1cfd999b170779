import { sql } from 'kysely'
import { themeCodes } from '../../directory/matching/themes.js'
import { weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { affected } from './frame.js'
import { ownWords, surveyComments } from './phrases.js'
import { between, drawsFor, FIELD, lit, pick } from './sql.js'

/*
 * The person's voice: the experience survey sent the day after about 60% of closed episodes end (a third of them
 * answered within six weeks, a third of those anonymously: an anonymous reply keeps only its organisation and
 * month, as the app stores it), ratings of up to two of the episode's services, and outcomes in the person's own
 * words at the closing of about 30% of the longer episodes. Nothing after the end of the data.
 */
export const VOICE = { invited: 0.6, replied: 0.33, anonymous: 0.35, ownWords: 0.3 } as const

const scale = (draw: string) =>
  `case when ${draw} < 0.03 then null else ${weighted(`(${draw} - 0.03) / 0.97`, { 5: 55, 4: 30, 3: 9, 2: 4, 1: 2 }, 'int')} end`

export async function insertVoice(ctx: SynthContext, until: string): Promise<Record<string, number>> {
  const { db, plan } = ctx
  const s = plan.seed
  const e = drawsFor(s, 'e.n', FIELD.voice)
  const end = `(${lit(until)}::date + 1)::timestamptz`
  await sql`create unlogged table synth.journey_replies as
    select e.n, synth.id(${s}, 'experience_invitation', e.n) as invitation_id, synth.id(${s}, 'experience_reply', e.n) as reply_id,
      e.ended_at + interval '1 day' as sent_at,
      case when ${sql.raw(e(2))} < ${VOICE.replied}
        and e.ended_at + interval '1 day' + ${sql.raw(between(e(3), 2, 40))} * interval '1 day' < ${sql.raw(end)}
        then e.ended_at + interval '1 day' + ${sql.raw(between(e(3), 2, 40))} * interval '1 day' end as received_at,
      ${sql.raw(e(4))} < ${VOICE.anonymous} as anonymous
    from synth.journey_episodes e
    where e.status = 'closed' and e.ended_at + interval '1 day' < ${sql.raw(end)} and ${sql.raw(e(1))} < ${VOICE.invited}`.execute(
    db,
  )
  const rows: Record<string, number> = {}
  rows.experience_invitations = affected(
    await sql`insert into experience_invitations (id, person_id, episode_id, organisation_id, sent_by, created_at, replied)
      select r.invitation_id, e.person_id, e.id, e.organisation_id, e.practitioner_id, r.sent_at, r.received_at is not null
      from synth.journey_replies r join synth.journey_episodes e on e.n = r.n`.execute(db),
  )
  rows.experience_replies = affected(
    await sql`insert into experience_replies (id, organisation_id, month, anonymous, person_id, episode_id, invitation_id, received_at,
        service_satisfaction, information_satisfaction, influenced_decisions, positive_experience, service_barriers, practitioner_barriers, comment)
      select r.reply_id, e.organisation_id, date_trunc('month', r.received_at at time zone 'UTC')::date, r.anonymous,
        case when not r.anonymous then e.person_id end, case when not r.anonymous then e.id end,
        case when not r.anonymous then r.invitation_id end, case when not r.anonymous then r.received_at end,
        ${sql.raw(scale(e(5)))}, ${sql.raw(scale(e(6)))}, ${sql.raw(scale(e(7)))}, ${sql.raw(scale(e(8)))},
        string_to_array(${sql.raw(weighted(e(9), { none: 70, transport: 8, cost: 6, timing: 6, confidence: 5, '': 5 }))}, ' '),
        string_to_array(${sql.raw(weighted(e(10), { none: 85, timing: 5, confidence: 4, language: 2, '': 4 }))}, ' '),
        case when ${sql.raw(e(11))} < 0.2 then ${sql.raw(pick(e(12), surveyComments))} end
      from synth.journey_replies r join synth.journey_episodes e on e.n = r.n
      where r.received_at is not null`.execute(db),
  )
  rows.experience_service_ratings = affected(
    await sql`insert into experience_service_ratings (reply_id, service_id, satisfaction)
      select reply_id, service_id, ${sql.raw(scale(drawsFor(s, 'x.n * 4 + x.i', FIELD.voice + 20)(1)))}
      from (select r.reply_id, r.n, c.service_id, row_number() over (partition by r.reply_id order by c.service_id) as i
            from synth.journey_replies r join synth.journey_episodes e on e.n = r.n
            join (select distinct episode_id, service_id from connections where status <> 'suggested') c on c.episode_id = e.id
            where r.received_at is not null) x
      where x.i <= 2`.execute(db),
  )
  rows.own_words_outcomes = affected(
    await sql`insert into own_words_outcomes (id, person_id, episode_id, organisation_id, said_on, words, theme, occasion, recorded_by, created_at)
      select synth.id(${s}, 'own_words', e.n), e.person_id, e.id, e.organisation_id, (e.ended_at at time zone 'UTC')::date,
        case when e.language = 'cy' then ${sql.raw(pick(e(14), ownWords.cy))} else ${sql.raw(pick(e(14), ownWords.en))} end,
        case when ${sql.raw(e(15))} < 0.7 then ${sql.raw(pick(e(16), themeCodes))} end, 'closing', e.practitioner_id, e.ended_at
      from synth.journey_episodes e
      where e.status = 'closed' and e.ended_at - e.started_at >= interval '42 days' and ${sql.raw(e(13))} < ${VOICE.ownWords}`.execute(
      db,
    ),
  )
  return rows
}
