import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { insertOwnWords, storeReply } from './repository.js'
import type { SurveyAnswers } from './rules.js'

/*
 * The person's voice in the demo (issue 6 §5, §7): what people say has changed, in their own words, for the demo
 * journey's longer episodes; and for its closed episodes the experience survey sent at closing, one answered with
 * the reply linked to the record, one answered anonymously, and one still waiting. Loaded once.
 */

const DAY = 86_400_000
const isoDay = (at: Date) => at.toISOString().slice(0, 10)
const monthOf = (at: Date) => `${at.toISOString().slice(0, 7)}-01`

const OWN_WORDS = [
  { words: 'I look forward to Tuesdays now. I know people at the walk and they notice if I am not there.', theme: 'reduce_isolation' },
  { words: 'Mae gen i rywle i fynd bob wythnos ac rwy’n cysgu’n well.', theme: 'be_more_active' },
  { words: 'The money worries have not gone, but I know who to ask and I am not hiding the letters any more.', theme: null },
  { words: 'I feel more like myself. I went to the café on my own last week.', theme: 'reduce_isolation' },
]

/** Answers as a person might give them: mostly satisfied, one barrier (transport) met on the way to a group. */
function answers(anonymous: boolean, services: string[], variant: number): SurveyAnswers {
  return {
    anonymous,
    scales: {
      serviceSatisfaction: variant === 0 ? 5 : 4,
      informationSatisfaction: 4,
      influencedDecisions: variant === 0 ? 5 : 3,
      positiveExperience: variant === 0 ? 5 : 4,
    },
    barriers: { serviceBarriers: variant === 0 ? ['none'] : ['transport'], practitionerBarriers: ['none'] },
    services: services.map((serviceId, i) => ({ serviceId, satisfaction: i === 0 ? 5 : 4 })),
    comment: anonymous ? null : variant === 0 ? 'Rhian listened and did not rush me. The walking group was the right thing.' : null,
  }
}

/** Loads the demo's own-words outcomes and survey replies once; returns how many rows it wrote. */
export async function loadExperienceDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const episodes = await db
    .selectFrom('episodes as e')
    .innerJoin('users as u', 'u.id', 'e.practitioner_id')
    .select(['e.id', 'e.person_id', 'e.organisation_id', 'e.started_at', 'e.ended_at', 'e.status', 'u.id as user_id'])
    .where('u.email', 'like', `%@${DEMO_DOMAIN}`)
    .orderBy('e.started_at', 'asc')
    .orderBy('e.id')
    .execute()
  if (episodes.length === 0) return 0
  const ids = episodes.map((e) => e.id)
  const already = await db.selectFrom('experience_invitations as i').select('i.id').where('i.episode_id', 'in', ids).limit(1).executeTakeFirst()
  const alreadyWords = await db.selectFrom('own_words_outcomes as o').select('o.id').where('o.episode_id', 'in', ids).limit(1).executeTakeFirst()
  if (already || alreadyWords) return 0
  let written = 0
  await db.transaction().execute(async (trx) => {
    const longer = episodes.filter((e) => ((e.ended_at ?? now).getTime() - e.started_at.getTime()) / DAY >= 42)
    for (const [i, e] of longer.slice(0, OWN_WORDS.length).entries()) {
      const said = OWN_WORDS[i]!
      const saidOn = e.ended_at ? new Date(e.ended_at.getTime() - DAY) : new Date(now.getTime() - 4 * DAY)
      await insertOwnWords(trx, { personId: e.person_id, episodeId: e.id, organisationId: e.organisation_id, recordedBy: e.user_id }, { saidOn: isoDay(saidOn), words: said.words, theme: said.theme, occasion: e.status === 'closed' ? 'closing' : 'review' })
      written++
    }
    const closed = episodes.filter((e) => e.status === 'closed' && e.ended_at)
    for (const [i, e] of closed.entries()) {
      const sentAt = new Date(e.ended_at!.getTime() + DAY)
      const invitation = await trx
        .insertInto('experience_invitations')
        .values({ person_id: e.person_id, episode_id: e.id, organisation_id: e.organisation_id, sent_by: e.user_id, created_at: sentAt })
        .returning(['id', 'person_id', 'episode_id', 'organisation_id'])
        .executeTakeFirstOrThrow()
      written++
      // The third stays unanswered: the person page offers to send a new link.
      if (i > 1) continue
      const services = await trx
        .selectFrom('connections as c')
        .select('c.service_id')
        .distinct()
        .where('c.episode_id', '=', e.id)
        .where('c.status', '<>', 'suggested')
        .execute()
      const repliedAt = new Date(sentAt.getTime() + 3 * DAY)
      await storeReply(trx, invitation, answers(i === 1, services.map((s) => s.service_id), i), monthOf(repliedAt), repliedAt)
      written++
    }
  })
  return written
}
