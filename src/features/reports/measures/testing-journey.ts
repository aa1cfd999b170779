import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import type { Episode } from './testing.js'

/*
 * Test support: services, connections, contacts, experience replies, What Matters, own words, safeguarding,
 * sharing and case studies of the hand-built data set (testing.ts).
 */

const GREEN = 'c6a229d9-8b7e-5372-b81f-11337a33774c'
const BLUE = '32c5f59d-a9b3-5e4c-9893-7e798652801f'

interface Base {
  A: string
  B: string
  author: string
  lead: string
  e1: Episode
  e2: Episode
  e3: Episode
  e4: Episode
}

export async function addJourneyData(db: Kysely<DB>, { A, B, author, lead, e1, e2, e3, e4 }: Base) {
  // Services: S1 green, S2 blue, S3 neither. Connections and their moves.
  const service = async (terms: string[]) => {
    const id = randomUUID()
    await db
      .insertInto('services')
      .values({ id, name: `Service ${id.slice(0, 6)}`, status: 'active' })
      .execute()
    for (const term of terms)
      await db
        .insertInto('attributes')
        .values({ id: randomUUID(), link_id: id, link_type: 'service', taxonomy_term_id: term })
        .execute()
    return id
  }
  const [s1, s2, s3] = [await service([GREEN]), await service([BLUE]), await service([])]
  const connect = async (
    e: Episode,
    serviceId: string,
    kind: 'signpost' | null,
    status: string,
    created: string,
    travel: { km?: number; mode?: string } = {},
  ) =>
    (
      await db
        .insertInto('connections')
        .values({
          person_id: e.personId,
          episode_id: e.episodeId as string,
          organisation_id: e.organisationId,
          service_id: serviceId,
          kind,
          status: status as 'signposted',
          created_at: `${created}T09:00:00Z`,
          travel_distance_km: travel.km ?? null,
          travel_mode: (travel.mode ?? null) as 'walk',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const c1 = await connect(e1, s1, 'signpost', 'did_not_attend', '2026-03-02', { km: 0.5, mode: 'walk' })
  const c2 = await connect(e2, s2, 'signpost', 'withdrew', '2026-03-03', { km: 7.2, mode: 'bus' })
  await connect(e2, s3, 'signpost', 'completed', '2026-03-04', { mode: 'car' })
  await connect(e3, s1, null, 'suggested', '2026-03-05', { km: 30, mode: 'car' })
  const c5 = await connect(e1, s2, 'signpost', 'attending', '2026-02-01', { km: 3, mode: 'train' })
  const move = (connectionId: string, at: string, barriers: string[], reasons: string[]) =>
    db
      .insertInto('connection_events')
      .values({
        connection_id: connectionId,
        to_status: 'did_not_attend',
        side: 'practitioner',
        at: `${at}T10:00:00Z`,
        barriers,
        not_acting_reasons: reasons,
      })
      .execute()
  await move(c1, '2026-03-12', ['transport', 'distance'], ['not_ready'])
  await move(c2, '2026-03-14', ['accessibility'], ['barrier', 'other'])
  await move(c5, '2026-02-14', ['cost'], ['felt_better'])

  // Contacts: E1 a missed one (barrier) and one in Welsh; E2 one in English and one in Welsh; E3 one in English.
  const contact = (e: Episode, at: string, language: 'cy' | 'en', missed = false, barriers: string[] = []) =>
    db
      .insertInto('support_contacts')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId as string,
        organisation_id: e.organisationId,
        occurred_at: `${at}T11:00:00Z`,
        mode: 'phone',
        duration_minutes: missed ? null : 30,
        with_whom: ['person'],
        contact_type: 'review',
        did_not_attend: missed,
        language,
        barriers,
      })
      .execute()
  await contact(e1, '2026-03-03', 'en', true, ['health_or_mobility'])
  await contact(e1, '2026-03-10', 'cy')
  await contact(e2, '2026-03-11', 'en')
  await contact(e2, '2026-03-12', 'cy')
  await contact(e3, '2026-03-15', 'en')
  await contact(e3, '2026-02-15', 'cy')

  // Experience: named replies from E1 and E2, anonymous ones for A and B (March), a named one from E3 in April.
  const reply = async (
    e: Episode | null,
    organisationId: string,
    month: string,
    answers: (number | null)[],
    service: string[],
    practitioner: string[],
    rating?: [string, number],
  ) => {
    const invitation = e
      ? (
          await db
            .insertInto('experience_invitations')
            .values({
              person_id: e.personId,
              episode_id: e.episodeId as string,
              organisation_id: organisationId,
              replied: true,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : null
    const [ss, is, infl, pos] = answers
    const id = (
      await db
        .insertInto('experience_replies')
        .values({
          organisation_id: organisationId,
          month,
          anonymous: !e,
          person_id: e?.personId ?? null,
          episode_id: e?.episodeId ?? null,
          invitation_id: invitation,
          received_at: e ? `${month.slice(0, 8)}15T10:00:00Z` : null,
          service_satisfaction: ss,
          information_satisfaction: is,
          influenced_decisions: infl,
          positive_experience: pos,
          service_barriers: service,
          practitioner_barriers: practitioner,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    if (rating)
      await db
        .insertInto('experience_service_ratings')
        .values({ reply_id: id, service_id: rating[0], satisfaction: rating[1] })
        .execute()
  }
  await reply(e1, A, '2026-03-01', [5, 4, 3, 5], ['transport'], ['none'], [s1, 4])
  await reply(e2, A, '2026-03-01', [2, null, 4, 4], ['cost', 'accessibility'], ['timing'], [s2, 2])
  await reply(null, A, '2026-03-01', [4, 5, 5, 2], [], ['accessibility'])
  await reply(null, B, '2026-03-01', [1, 1, 1, 1], [], [])
  await reply(e3, A, '2026-04-01', [5, 5, 5, 5], ['cost'], [], [s1, 5])

  // What Matters: E1 an earlier and a later conversation in March; E2 one; E3 one not completed.
  const conversation = (
    e: Episode,
    on: string,
    completed: boolean,
    v: {
      themes: string[]
      needs: string[]
      reasons: string[]
      confirmed: string[]
      emerged?: string
      setting?: string
    },
  ) =>
    db
      .insertInto('what_matters_conversations')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId as string,
        organisation_id: e.organisationId,
        completed,
        held_on: on,
        themes: v.themes,
        needs_domains: v.needs,
        referral_reasons: v.reasons,
        confirmed_reasons: v.confirmed,
        emerged_issues: v.emerged ?? null,
        setting_preference: (v.setting ?? null) as 'indoor',
      })
      .execute()
  await conversation(e1, '2026-03-01', true, { themes: ['housing'], needs: ['housing'], reasons: [], confirmed: [] })
  await conversation(e1, '2026-03-05', true, {
    themes: ['reduce_isolation', 'green_spaces'],
    needs: ['mental_emotional', 'social_connection'],
    reasons: ['loneliness', 'low_mood'],
    confirmed: ['loneliness'],
    emerged: 'Money worries',
    setting: 'outdoor',
  })
  await conversation(e2, '2026-03-08', true, {
    themes: ['reduce_isolation'],
    needs: ['housing'],
    reasons: ['housing'],
    confirmed: ['housing'],
    setting: 'indoor',
  })
  await conversation(e3, '2026-03-09', false, {
    themes: ['food'],
    needs: ['caring'],
    reasons: [],
    confirmed: [],
    setting: 'either',
  })

  // Own words: E1 twice in March, E2 in February.
  const words = (e: Episode, on: string) =>
    db
      .insertInto('own_words_outcomes')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId,
        organisation_id: e.organisationId,
        said_on: on,
        words: 'Feeling better',
        occasion: 'review',
      })
      .execute()
  await words(e1, '2026-03-10')
  await words(e1, '2026-03-20')
  await words(e2, '2026-02-10')

  // Safeguarding: two concerns for E2's person in March, one for E4's in February. Sharing: E1 with an agency and an asset.
  const concern = (e: Episode, at: string) =>
    db
      .insertInto('safeguarding_concerns')
      .values({
        person_id: e.personId,
        organisation_id: e.organisationId,
        episode_id: e.episodeId,
        category: 'neglect',
        about: 'adult',
        noticed_on: at,
        what_happened: 'Noted',
        raised_at: `${at}T10:00:00Z`,
      })
      .execute()
  await concern(e2, '2026-03-04')
  await concern(e2, '2026-03-09')
  await concern(e4, '2026-02-04')
  const share = (e: Episode, at: string, kind: 'agency' | 'asset') =>
    db
      .insertInto('information_sharing_log')
      .values({
        person_id: e.personId,
        organisation_id: e.organisationId,
        shared_with_name: 'Them',
        fields: ['name'],
        purpose: 'support',
        basis: 'safeguarding_duty',
        recipient_kind: kind,
        shared_at: `${at}T10:00:00Z`,
      })
      .execute()
  await share(e1, '2026-03-06', 'agency')
  await share(e2, '2026-03-06', 'asset')

  // Case studies: approved for A (unlinked), approved linked to E1's person, approved but consent withdrawn, a draft, approved for B.
  const study = (
    organisationId: string,
    personId: string | null,
    status: 'approved' | 'draft',
    at: string,
    withdrawn = false,
  ) =>
    db
      .insertInto('case_studies')
      .values({
        organisation_id: organisationId,
        title: 'Story',
        perspective: 'person',
        what_mattered: 'x',
        support: 'y',
        what_changed: 'z',
        person_id: personId,
        status,
        check_completed_at: status === 'approved' ? `${at}T09:00:00Z` : null,
        approved_by: status === 'approved' ? lead : null,
        approved_at: status === 'approved' ? `${at}T10:00:00Z` : null,
        consent_given_on: withdrawn ? '2026-01-01' : null,
        consent_method: withdrawn ? 'written' : null,
        consent_scope: withdrawn ? 'published' : null,
        consent_withdrawn_on: withdrawn ? '2026-03-20' : null,
        author_id: author,
      })
      .execute()
  await study(A, null, 'approved', '2026-03-15')
  await study(A, e1.personId, 'approved', '2026-03-16')
  await study(A, null, 'approved', '2026-03-17', true)
  await study(A, null, 'draft', '2026-03-18')
  await study(B, null, 'approved', '2026-03-19')
}
