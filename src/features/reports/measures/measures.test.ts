import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import { I18n } from '../../../platform/i18n/i18n.js'
import type { MeasureResult, ReportFilter } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { experienceModule } from './experience.js'
import { journeyModule } from './journey.js'
import { wellbeingByDimension } from './outcomes-equity.js'
import { outcomesModule } from './outcomes.js'
import { measureLabelKey } from './shared.js'

/*
 * A hand-built data set with known answers (docs/reports-outcomes-and-experience.md): four episodes (three at
 * provider A, one at B) and a referral without one, the period March 2026. Until the engine's refresh lands, the
 * report_referral_facts rows are written here by `factsRow`, and the modules are called with a ReportContext whose
 * facts() applies the filter's organisation and age band.
 */

const MARCH: ReportFilter = { from: '2026-03-01', to: '2026-03-31', where: {} }
const GREEN = 'c6a229d9-8b7e-5372-b81f-11337a33774c'
const BLUE = '32c5f59d-a9b3-5e4c-9893-7e798652801f'

/** n items named prefix_1 … prefix_n whose values sum to total (as even as possible). */
function items(prefix: string, n: number, total: number): Record<string, number> {
  const base = Math.floor(total / n)
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`${prefix}_${i + 1}`, base + (i < total - base * n ? 1 : 0)]),
  )
}
const djg = (lonely: boolean) =>
  lonely
    ? { djg_e1: 'yes', djg_e2: 'yes', djg_e3: 'yes', djg_s1: 'no', djg_s2: 'no', djg_s3: 'no' }
    : { djg_e1: 'no', djg_e2: 'no', djg_e3: 'no', djg_s1: 'yes', djg_s2: 'yes', djg_s3: 'yes' }
const eq5d = (m: number, s: number, u: number, p: number, a: number, vas: number) => ({
  mobility: m,
  self_care: s,
  usual_activities: u,
  pain_discomfort: p,
  anxiety_depression: a,
  vas,
})

interface Episode {
  personId: string
  referralId: string
  episodeId: string | null
  organisationId: string
}

async function build(db: Kysely<DB>) {
  const org = async (name: string) =>
    (await db.insertInto('organisations').values({ name, type: 'provider' }).returning('id').executeTakeFirstOrThrow())
      .id
  const A = await org(`Provider A ${randomUUID()}`)
  const B = await org(`Provider B ${randomUUID()}`)
  const user = async (email: string) =>
    (
      await db
        .insertInto('users')
        .values({ organisation_id: A, email: `${randomUUID().slice(0, 8)}${email}`, name: email })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const author = await user('author@x.test')
  const lead = await user('lead@x.test')
  let n = 0
  const person = async (
    organisationId: string,
    values: Partial<{ language: string; has_support: string; is_carer: string; housing_tenure: string }> = {},
  ) =>
    (
      await db
        .insertInto('people')
        .values({
          organisation_id: organisationId,
          given_name: 'Test',
          family_name: `Person ${++n}`,
          match_name: 'test person',
          date_of_birth: '1980-01-01',
          ...(values as object),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  /** A referral, its episode (unless `received` only) and its report_referral_facts row. */
  async function episode(
    organisationId: string,
    personValues: Parameters<typeof person>[1],
    received: string,
    ageBand: string,
    ended: { on: string; reason: string } | null | 'no_episode',
  ): Promise<Episode> {
    const personId = await person(organisationId, personValues)
    const referralId = (
      await db
        .insertInto('referrals')
        .values({
          reference: `CYS-${randomUUID().slice(0, 9)}`,
          person_id: personId,
          organisation_id: organisationId,
          route: 'primary_care',
          channel: 'practitioner',
          reasons: ['loneliness'],
          person_agreed: true,
          status: ended === 'no_episode' ? 'received' : 'accepted',
          received_at: `${received}T09:00:00Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const episodeId =
      ended === 'no_episode'
        ? null
        : (
            await db
              .insertInto('episodes')
              .values({
                person_id: personId,
                referral_id: referralId,
                organisation_id: organisationId,
                status: ended ? 'closed' : 'open',
                started_at: `${received}T10:00:00Z`,
                ended_at: ended ? `${ended.on}T12:00:00Z` : null,
                closing_reason: (ended?.reason ?? null) as 'goals_met' | null,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
    await factsRow(db, {
      referralId,
      episodeId,
      personId,
      organisationId,
      received,
      ageBand,
      ended: ended === 'no_episode' ? null : ended,
    })
    return { personId, referralId, episodeId, organisationId }
  }

  const e1 = await episode(A, { language: 'cy', has_support: 'no' }, '2026-01-05', '25-34', {
    on: '2026-03-28',
    reason: 'goals_met',
  })
  const e2 = await episode(A, { language: 'cy' }, '2026-01-20', '35-44', { on: '2026-03-20', reason: 'withdrew' })
  const e3 = await episode(
    A,
    { language: 'en', has_support: 'yes', is_carer: 'no', housing_tenure: 'rents_privately' },
    '2026-03-01',
    '35-44',
    null,
  )
  const e4 = await episode(B, {}, '2026-01-25', '45-54', { on: '2026-03-18', reason: 'transferred' })
  const e5 = await episode(A, { is_carer: 'yes' }, '2026-03-10', '35-44', 'no_episode')

  const measure = async (
    e: Episode,
    instrument: string,
    occasion: string,
    on: string | null,
    answers: object,
    status = 'complete',
  ) =>
    db
      .insertInto('measures')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId as string,
        organisation_id: e.organisationId,
        instrument_id: instrument,
        occasion: occasion as 'baseline',
        mode: 'with_practitioner',
        status: status as 'complete',
        answers: JSON.stringify(answers),
        taken_on: on,
        completed_at: status === 'complete' ? `${on}T12:00:00Z` : null,
      })
      .execute()
  // E1: WEMWBS 42 → (review 45 in February) → 50; SWEMWBS 19.25 → 22.35; ONS4; De Jong Gierveld lonely → not.
  await measure(e1, 'wemwbs', 'baseline', '2026-01-10', items('wemwbs', 14, 42))
  await measure(e1, 'wemwbs', 'review', '2026-02-10', items('wemwbs', 14, 45))
  await measure(e1, 'wemwbs', 'exit', '2026-03-15', items('wemwbs', 14, 50))
  await measure(e1, 'swemwbs', 'baseline', '2026-01-10', items('swemwbs', 7, 21))
  await measure(e1, 'swemwbs', 'exit', '2026-03-20', items('swemwbs', 7, 25))
  await measure(e1, 'ons4', 'baseline', '2026-01-10', {
    ons4_satisfaction: 4,
    ons4_worthwhile: 5,
    ons4_happiness: 3,
    ons4_anxiety: 6,
  })
  await measure(e1, 'ons4', 'exit', '2026-03-15', {
    ons4_satisfaction: 6,
    ons4_worthwhile: 5,
    ons4_happiness: 7,
    ons4_anxiety: 2,
  })
  await measure(e1, 'djg6', 'baseline', '2026-01-10', djg(true))
  await measure(e1, 'djg6', 'exit', '2026-03-15', djg(false))
  // E2: WEMWBS 40 → 42 (below the threshold); SWEMWBS baseline only (lost: the episode ended in March); ONS direct.
  await measure(e2, 'wemwbs', 'baseline', '2026-02-01', items('wemwbs', 14, 40))
  await measure(e2, 'wemwbs', 'review', '2026-03-05', items('wemwbs', 14, 42))
  await measure(e2, 'swemwbs', 'baseline', '2026-02-01', items('swemwbs', 7, 21))
  await measure(e2, 'ons_loneliness_direct', 'baseline', '2026-02-01', { ons_lonely: 'often_always' })
  await measure(e2, 'ons_loneliness_direct', 'review', '2026-03-05', { ons_lonely: 'hardly_ever' })
  // E3 (open): WEMWBS followed up in April (outside the period); GSE 20 → 30; EQ-5D-5L; a partial SWEMWBS.
  await measure(e3, 'wemwbs', 'baseline', '2026-03-02', items('wemwbs', 14, 30))
  await measure(e3, 'wemwbs', 'follow_up', '2026-04-10', items('wemwbs', 14, 60))
  await measure(e3, 'gse', 'baseline', '2026-03-01', items('gse', 10, 20))
  await measure(e3, 'gse', 'review', '2026-03-30', items('gse', 10, 30))
  await measure(e3, 'eq5d5l', 'baseline', '2026-03-01', eq5d(3, 2, 3, 4, 2, 50))
  await measure(e3, 'eq5d5l', 'review', '2026-03-30', eq5d(2, 2, 2, 3, 2, 70))
  await measure(e3, 'swemwbs', 'baseline', '2026-03-05', { swemwbs_1: 3 }, 'partial')
  // E4 (provider B): WEMWBS 40 → 50.
  await measure(e4, 'wemwbs', 'baseline', '2026-02-01', items('wemwbs', 14, 40))
  await measure(e4, 'wemwbs', 'exit', '2026-03-10', items('wemwbs', 14, 50))

  // Healthcare use: E1 start and end; E2 start only (lost).
  const health = (e: Episode, occasion: 'start' | 'end', on: string, values: object) =>
    db
      .insertInto('healthcare_use')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId as string,
        organisation_id: e.organisationId,
        occasion,
        asked_on: on,
        ...values,
      })
      .execute()
  await health(e1, 'start', '2026-01-10', { gp_appointments: 6, ae_attendances: 2 })
  await health(e1, 'end', '2026-03-25', { gp_appointments: 2, ae_attendances: 0 })
  await health(e2, 'start', '2026-02-01', { gp_appointments: 3 })

  // Plans: E1 v1 (February, not co-produced) and v2 (March, co-produced); E2 v1 (March, not co-produced).
  const plan = async (e: Episode, version: number, on: string, coProduced: boolean) =>
    (
      await db
        .insertInto('action_plans')
        .values({
          person_id: e.personId,
          episode_id: e.episodeId as string,
          organisation_id: e.organisationId,
          version,
          plan_on: on,
          co_produced: coProduced,
          what_matters: '',
          agreed: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const p1 = await plan(e1, 1, '2026-02-01', false)
  await plan(e1, 2, '2026-03-02', true)
  const p2 = await plan(e2, 1, '2026-03-03', false)
  const goal = async (e: Episode) =>
    (
      await db
        .insertInto('plan_goals')
        .values({ person_id: e.personId, episode_id: e.episodeId as string, organisation_id: e.organisationId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const score = async (
    e: Episode,
    planId: string,
    goalId: string,
    occasion: 'start' | 'review' | 'end',
    on: string,
    motivation: number | null,
    attainment: string | null = null,
  ) => {
    const reviewId =
      occasion === 'start'
        ? null
        : (
            await db
              .insertInto('plan_reviews')
              .values({
                person_id: e.personId,
                episode_id: e.episodeId as string,
                organisation_id: e.organisationId,
                action_plan_id: planId,
                occasion: occasion === 'end' ? 'end' : 'review',
                reviewed_on: on,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
    await db
      .insertInto('plan_goal_scores')
      .values({
        goal_id: goalId,
        organisation_id: e.organisationId,
        action_plan_id: planId,
        review_id: reviewId,
        occasion,
        confidence: motivation,
        motivation,
        attainment: attainment as 'fully' | null,
        recorded_on: on,
      })
      .execute()
  }
  const g1 = await goal(e1)
  await score(e1, p1, g1, 'start', '2026-01-12', 4)
  await score(e1, p1, g1, 'review', '2026-02-20', 6)
  await score(e1, p1, g1, 'review', '2026-03-10', 8)
  await score(e1, p1, g1, 'end', '2026-03-28', null, 'fully')
  const g2 = await goal(e2)
  await score(e2, p2, g2, 'start', '2026-02-02', 5)
  await score(e2, p2, g2, 'review', '2026-03-08', 7)
  await score(e2, p2, g2, 'end', '2026-03-20', null, 'partly')

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

  await outcomesModule.refresh?.(
    db,
    [e1, e2, e3, e4, e5].map((e) => e.referralId),
  )
  return { A, B, e1, e2, e3, e4, e5 }
}

/** The row the engine's refresh will write; the few columns these measures read, the rest fixed. */
async function factsRow(
  db: Kysely<DB>,
  f: {
    referralId: string
    episodeId: string | null
    personId: string
    organisationId: string
    received: string
    ageBand: string
    ended: { on: string; reason: string } | null
  },
) {
  await db
    .insertInto('report_referral_facts')
    .values({
      referral_id: f.referralId,
      episode_id: f.episodeId,
      person_id: f.personId,
      organisation_id: f.organisationId,
      route: 'primary_care',
      channel: 'practitioner',
      age_band: f.ageBand,
      received_on: f.received,
      status: f.episodeId ? 'accepted' : 'received',
      episode_started_on: f.episodeId ? f.received : null,
      episode_ended_on: f.ended?.on ?? null,
      closing_reason: f.ended?.reason ?? null,
    })
    .execute()
}

function contextOf(db: Kysely<DB>, filter: ReportFilter): ReportContext {
  return {
    db,
    filter,
    facts: () => {
      let q = db.selectFrom('report_referral_facts')
      if (filter.where.organisation?.length) q = q.where('organisation_id', 'in', filter.where.organisation)
      if (filter.where.age_band?.length) q = q.where('age_band', 'in', filter.where.age_band)
      return q
    },
  }
}

async function report(db: Kysely<DB>, filter: ReportFilter): Promise<Map<string, MeasureResult>> {
  const ctx = contextOf(db, filter)
  const all = [
    ...(await outcomesModule.compute(ctx)),
    ...(await experienceModule.compute(ctx)),
    ...(await journeyModule.compute(ctx)),
  ]
  const byId = new Map(all.map((m) => [m.id, m]))
  assert.equal(byId.size, all.length, 'measure ids are unique')
  return byId
}

const change = (
  paired: number,
  lost: number,
  meanChange: number | null,
  ci: [number, number] | null,
  improved: number,
  improvedPercent: number | null,
  threshold: number | null,
  instrumentId: string,
) => ({
  kind: 'change',
  instrumentId,
  paired,
  lost,
  meanChange,
  ciLow: ci?.[0] ?? null,
  ciHigh: ci?.[1] ?? null,
  improved,
  improvedPercent,
  threshold,
})
const rows = (counts: Record<string, number>) => Object.entries(counts).map(([code, count]) => ({ code, count }))

for (const kind of databaseKinds()) {
  describe(`outcome, experience and journey measures on a hand-built data set (${kind})`, () => {
    let t: TestDatabase
    let db: Kysely<DB>
    let data: Awaited<ReturnType<typeof build>>
    before(async () => {
      t = await openTestDatabase(kind)
      db = t.database.db
      data = await build(db)
    })
    after(() => t.dispose())

    const value = (r: Map<string, MeasureResult>, id: string) => {
      const m = r.get(id)
      assert.ok(m, `${id} is emitted`)
      return m.value
    }

    it('outcome change per instrument: paired in the period by the later score, lost when the episode ended without one', async () => {
      const r = await report(db, MARCH)
      // WEMWBS: 42→50 (+8), 40→42 (+2), 40→50 (+10); E3's April follow-up is outside the period.
      assert.deepEqual(value(r, 'cds91.wemwbs'), change(3, 0, 6.67, [-3.68, 17.01], 2, 66.7, 3, 'wemwbs'))
      assert.deepEqual(r.get('cds91.wemwbs')?.cds, [91])
      assert.equal(r.get('cds91.wemwbs')?.table2, true)
      assert.equal(r.get('cds91.wemwbs')?.question, 'better_off')
      // SWEMWBS metric 19.25→22.35; E2's baseline has no later score and its episode ended in March.
      assert.deepEqual(value(r, 'cds91.swemwbs'), change(1, 1, 3.1, null, 1, 100, 1.03, 'swemwbs'))
      assert.deepEqual(value(r, 'cds87.ucla3_ons'), change(0, 0, null, null, 0, null, null, 'ucla3_ons'))
      assert.deepEqual(
        value(r, 'cds87.ons_loneliness_direct'),
        change(1, 0, -1, null, 0, null, null, 'ons_loneliness_direct'),
      )
      assert.deepEqual(value(r, 'cds87.djg6'), change(1, 0, -6, null, 0, null, null, 'djg6'))
      assert.deepEqual(value(r, 'cds88.djg6_social'), change(1, 0, -3, null, 0, null, null, 'djg6'))
      assert.deepEqual(value(r, 'cds93.ons4_satisfaction'), change(1, 0, 2, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds93.ons4_worthwhile'), change(1, 0, 0, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds93.ons4_happiness'), change(1, 0, 4, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds93.ons4_anxiety'), change(1, 0, -4, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds64.ons4_happiness'), change(1, 0, 4, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds73.gse'), change(1, 0, 10, null, 0, null, null, 'gse'))
      assert.deepEqual(value(r, 'cds65.eq5d5l_vas'), change(1, 0, 20, null, 0, null, null, 'eq5d5l'))
      for (const [dim, delta] of [
        ['mobility', -1],
        ['self_care', 0],
        ['usual_activities', -1],
        ['pain_discomfort', -1],
      ] as const) {
        assert.deepEqual(value(r, `cds84.eq5d5l_${dim}`), change(1, 0, delta, null, 0, null, null, 'eq5d5l'))
        assert.deepEqual(value(r, `cds92.eq5d5l_${dim}`), change(1, 0, delta, null, 0, null, null, 'eq5d5l'))
      }
      assert.deepEqual(value(r, 'cds84.eq5d5l_anxiety_depression'), change(1, 0, 0, null, 0, null, null, 'eq5d5l'))
      assert.ok(!r.has('cds92.eq5d5l_anxiety_depression'))
      // Goal motivation 4→8 (the March review; February's is not the latest) and 5→7.
      assert.deepEqual(value(r, 'cds96.motivation'), change(2, 0, 3, [-9.71, 15.71], 0, null, null, 'plan_motivation'))
      assert.deepEqual(value(r, 'cds61.gp_appointments'), change(1, 1, -4, null, 0, null, null, 'healthcare_use'))
      assert.deepEqual(value(r, 'cds58.ae_attendances'), change(1, 0, -2, null, 0, null, null, 'healthcare_use'))
      for (const id of ['cds57.other_services', 'cds59.emergency_calls', 'cds60.gp_contacts'])
        assert.deepEqual(value(r, id), change(0, 0, null, null, 0, null, null, 'healthcare_use'))
      // Complete measures taken in March (the partial SWEMWBS is not one), and pairs per instrument.
      const none = { ucla3_ons: 0, mycaw: 0, pam: 0, outcomes_star: 0 }
      const order = (x: Record<string, number>) =>
        [
          'wemwbs',
          'swemwbs',
          'ons4',
          'ucla3_ons',
          'ons_loneliness_direct',
          'djg6',
          'gse',
          'mycaw',
          'pam',
          'eq5d5l',
          'outcomes_star',
        ].map((code) => ({ code, count: x[code] }))
      assert.deepEqual(value(r, 'cds78'), {
        kind: 'breakdown',
        total: 12,
        additive: true,
        rows: order({ ...none, wemwbs: 4, swemwbs: 1, ons4: 1, ons_loneliness_direct: 1, djg6: 1, gse: 2, eq5d5l: 2 }),
      })
      assert.deepEqual(value(r, 'cds78.pairs'), {
        kind: 'breakdown',
        total: 9,
        additive: true,
        rows: order({ ...none, wemwbs: 3, swemwbs: 1, ons4: 1, ons_loneliness_direct: 1, djg6: 1, gse: 1, eq5d5l: 1 }),
      })
    })

    it('follows the filter: provider A only; EQ-5D-5L statements not available where none were entered', async () => {
      const a = await report(db, { ...MARCH, where: { organisation: [data.A] } })
      assert.deepEqual(value(a, 'cds91.wemwbs'), change(2, 0, 5, [-33.12, 43.12], 1, 50, 3, 'wemwbs'))
      const b = await report(db, { ...MARCH, where: { organisation: [data.B] } })
      assert.deepEqual(value(b, 'cds91.wemwbs'), change(1, 0, 10, null, 1, 100, 3, 'wemwbs'))
      for (const n of [65, 84, 92]) {
        assert.deepEqual(b.get(`cds${n}`), {
          id: `cds${n}`,
          cds: [n],
          question: 'better_off',
          table2: false,
          value: { kind: 'not_available', reasonKey: 'reportMeasures.notAvailable.noEq5d' },
        })
        assert.ok(![...b.keys()].some((id) => id.startsWith(`cds${n}.`)))
      }
      // Nothing in February but E1's review, which is not a later score of a pair taken then.
      const feb = await report(db, { from: '2026-02-01', to: '2026-02-28', where: {} })
      assert.deepEqual(value(feb, 'cds91.wemwbs'), change(0, 0, null, null, 0, null, 3, 'wemwbs'))
    })

    it('equity: people paired on WEMWBS or SWEMWBS and those improved, by a dimension of the facts', async () => {
      const byAge = await wellbeingByDimension(contextOf(db, MARCH), 'age_band')
      const sorted = [...byAge.rows].sort((x, y) => String(x.code).localeCompare(String(y.code)))
      // E1 (25-34) improved on both; E2 (35-44) paired, not improved (SWEMWBS lost); E4 (45-54) improved.
      assert.deepEqual(sorted, [
        { code: '25-34', paired: 1, improved: 1 },
        { code: '35-44', paired: 1, improved: 0 },
        { code: '45-54', paired: 1, improved: 1 },
      ])
      assert.deepEqual(byAge.total, { paired: 3, improved: 2 })
      const a = await wellbeingByDimension(
        contextOf(db, { ...MARCH, where: { organisation: [data.A] } }),
        'organisation',
      )
      assert.deepEqual(a.rows, [{ code: data.A, paired: 2, improved: 1 }])
    })

    it("refresh rewrites a referral's pairs: idempotent, and a removed follow-up makes the pair lost", async () => {
      const count = async () =>
        Number(
          (
            await db
              .selectFrom('report_outcome_pairs')
              .select(db.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await count()
      await outcomesModule.refresh?.(db, [data.e1.referralId, data.e2.referralId])
      assert.equal(await count(), before)
      await db
        .updateTable('measures')
        .set({ status: 'partial', completed_at: null })
        .where('episode_id', '=', data.e4.episodeId as string)
        .where('occasion', '=', 'exit')
        .execute()
      await outcomesModule.refresh?.(db, [data.e4.referralId])
      const b = await report(db, { ...MARCH, where: { organisation: [data.B] } })
      assert.deepEqual(value(b, 'cds91.wemwbs'), change(0, 1, null, null, 0, null, 3, 'wemwbs'))
      await db
        .updateTable('measures')
        .set({ status: 'complete', completed_at: '2026-03-10T12:00:00Z' })
        .where('episode_id', '=', data.e4.episodeId as string)
        .where('occasion', '=', 'exit')
        .execute()
      await outcomesModule.refresh?.(db, [data.e4.referralId])
    })

    it('experience: replies whose month overlaps the period, positive = 4 or 5, anonymous ones for their organisation', async () => {
      const r = await report(db, MARCH)
      const scale = (
        n: number,
        mean: number | null,
        positive: number,
        positivePercent: number | null,
        counts: number[],
      ) => ({
        kind: 'scale',
        n,
        mean,
        positive,
        positivePercent,
        rows: counts.map((count, i) => ({ code: String(i + 1), count })),
      })
      assert.deepEqual(value(r, 'cds94'), scale(4, 3, 2, 50, [1, 1, 0, 1, 1]))
      assert.equal(r.get('cds94')?.table2, true)
      assert.equal(r.get('cds94')?.question, 'how_well')
      assert.deepEqual(value(r, 'cds72'), scale(3, 3.33, 2, 66.7, [1, 0, 0, 1, 1]))
      assert.deepEqual(value(r, 'cds70'), scale(4, 3.25, 2, 50, [1, 0, 1, 1, 1]))
      assert.deepEqual(value(r, 'cds71'), scale(4, 3, 2, 50, [1, 1, 0, 1, 1]))
      assert.deepEqual(value(r, 'cds76'), { kind: 'count', count: 2 })
      assert.deepEqual(value(r, 'cds77'), {
        kind: 'breakdown',
        total: 4,
        additive: true,
        rows: rows({ named: 2, anonymous: 2 }),
      })
      assert.deepEqual(value(r, 'cds95'), scale(2, 3, 1, 50, [0, 1, 0, 1, 0]))
      const barriers = (x: Record<string, number>) =>
        [
          'cost',
          'transport',
          'timing',
          'language',
          'accessibility',
          'confidence',
          'other',
          'distance',
          'health_or_mobility',
          'caring_responsibilities',
          'anxiety_or_confidence',
          'digital_access',
          'waiting_time',
        ].map((code) => ({ code, count: x[code] ?? 0 }))
      // Two replies and two connection moves name barriers to the activity; February's move is outside.
      assert.deepEqual(value(r, 'cds80'), {
        kind: 'breakdown',
        total: 4,
        additive: false,
        rows: barriers({ transport: 2, cost: 1, accessibility: 2, distance: 1 }),
      })
      // 'none' is no barrier; a missed contact's barrier counts.
      assert.deepEqual(value(r, 'cds81'), {
        kind: 'breakdown',
        total: 3,
        additive: false,
        rows: barriers({ timing: 1, accessibility: 1, health_or_mobility: 1 }),
      })
      const reasons = [
        'not_ready',
        'not_what_expected',
        'felt_better',
        'circumstances_changed',
        'found_other_support',
        'did_not_like_it',
        'barrier',
        'other',
      ]
      assert.deepEqual(value(r, 'cds55'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: reasons.map((code) => ({ code, count: ['not_ready', 'barrier', 'other'].includes(code) ? 1 : 0 })),
      })
      assert.deepEqual(value(r, 'cds124'), { kind: 'count', count: 3 })

      const a = await report(db, { ...MARCH, where: { organisation: [data.A] } })
      assert.deepEqual(value(a, 'cds94'), scale(3, 3.67, 2, 66.7, [0, 1, 0, 1, 1]))
      assert.deepEqual(value(a, 'cds77'), {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: rows({ named: 2, anonymous: 1 }),
      })
      // A person dimension: anonymous replies cannot be placed, only E1's named reply counts.
      const young = await report(db, { ...MARCH, where: { age_band: ['25-34'] } })
      assert.deepEqual(value(young, 'cds94'), scale(1, 5, 1, 100, [0, 0, 0, 0, 1]))
      assert.deepEqual(value(young, 'cds77'), {
        kind: 'breakdown',
        total: 1,
        additive: true,
        rows: rows({ named: 1, anonymous: 0 }),
      })
      assert.deepEqual(value(young, 'cds124'), { kind: 'count', count: 0 })
    })

    it('the journey: What Matters, plans, goals, own words (people, not words)', async () => {
      const r = await report(db, MARCH)
      const themes = Object.fromEntries(
        [
          'reduce_isolation',
          'be_more_active',
          'mental_wellbeing',
          'long_term_condition',
          'money_and_debt',
          'housing',
          'work_and_volunteering',
          'learning',
          'caring_role',
          'confidence',
          'digital_skills',
          'food',
          'families_and_play',
          'creative',
          'green_spaces',
        ].map((c) => [c, 0]),
      )
      // E1's later conversation replaces its earlier one; E3's is not completed.
      assert.deepEqual(value(r, 'cds108'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: rows({ ...themes, reduce_isolation: 2, green_spaces: 1 }),
      })
      assert.equal(r.get('cds108')?.table2, true)
      assert.deepEqual(value(r, 'cds53'), {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: rows({
          physical_health: 0,
          mental_emotional: 1,
          social_connection: 1,
          practical_money: 0,
          housing: 1,
          work_learning_volunteering: 0,
          caring: 0,
        }),
      })
      assert.deepEqual(value(r, 'cds125'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: rows({
          reasons_at_referral: 3,
          reasons_confirmed: 2,
          reasons_not_confirmed: 1,
          conversations_with_new_issues: 1,
        }),
      })
      assert.deepEqual(value(r, 'cds37'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ indoor: 1, outdoor: 1, either: 0 }),
      })
      assert.deepEqual(value(r, 'cds98'), { kind: 'share', numerator: 1, denominator: 2, percent: 50 })
      assert.deepEqual(value(r, 'cds82'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ fully: 1, partly: 1, not_achieved: 0 }),
      })
      assert.equal(r.get('cds82')?.table2, true)
      assert.deepEqual(value(r, 'cds83'), {
        kind: 'breakdown',
        total: 1,
        additive: true,
        rows: rows({ fully: 0, partly: 1, not_achieved: 0 }),
      })
      assert.deepEqual(value(r, 'cds97'), { kind: 'count', count: 1 })
    })

    it('the journey: language, safeguarding, agencies, transfers, circumstances, case studies, travel, green and blue', async () => {
      const r = await report(db, MARCH)
      assert.deepEqual(value(r, 'cds13'), { kind: 'share', numerator: 3, denominator: 4, percent: 75 })
      // E1's person: all in Welsh; E2's: one of two in English; E3's: in English (February's Welsh one is outside).
      assert.deepEqual(value(r, 'cds13.people'), { kind: 'share', numerator: 2, denominator: 3, percent: 66.7 })
      assert.deepEqual(value(r, 'cds27'), { kind: 'count', count: 1 })
      assert.deepEqual(value(r, 'cds54'), { kind: 'count', count: 1 })
      assert.deepEqual(value(r, 'cds99'), { kind: 'count', count: 1 })
      assert.deepEqual(value(r, 'cds34'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ yes: 1, no: 0, prefer_not_to_say: 0, not_recorded: 1 }),
      })
      assert.deepEqual(value(r, 'cds32'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ yes: 1, no: 1, prefer_not_to_say: 0, not_recorded: 0 }),
      })
      const tenure = value(r, 'cds35')
      assert.ok(tenure.kind === 'breakdown')
      assert.equal(tenure.total, 2)
      assert.deepEqual(
        tenure.rows.filter((x) => x.count !== 0),
        rows({ rents_privately: 1, not_recorded: 1 }),
      )
      assert.deepEqual(value(r, 'cds20'), { kind: 'count', count: 3 })
      assert.deepEqual(value(r, 'cds17'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ under_1km: 1, '1_to_5km': 0, '5_to_10km': 1, '10_to_20km': 0, '20km_or_more': 0 }),
      })
      assert.deepEqual(value(r, 'cds18'), {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: rows({
          walk: 1,
          cycle: 0,
          bus: 1,
          train: 0,
          car: 1,
          community_transport: 0,
          taxi: 0,
          online: 0,
          other: 0,
        }),
      })
      assert.deepEqual(value(r, 'cds38'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: rows({ green: 1, blue: 1 }),
      })

      const a = await report(db, { ...MARCH, where: { organisation: [data.A] } })
      assert.deepEqual(value(a, 'cds99'), { kind: 'count', count: 0 })
      assert.deepEqual(value(a, 'cds20'), { kind: 'count', count: 2 })
      const young = await report(db, { ...MARCH, where: { age_band: ['25-34'] } })
      assert.deepEqual(value(young, 'cds20'), { kind: 'count', count: 1 })
      assert.deepEqual(value(young, 'cds13'), { kind: 'share', numerator: 1, denominator: 1, percent: 100 })
      assert.deepEqual(value(young, 'cds27'), { kind: 'count', count: 0 })
      assert.deepEqual(value(young, 'cds18'), {
        kind: 'breakdown',
        total: 1,
        additive: true,
        rows: rows({
          walk: 1,
          cycle: 0,
          bus: 0,
          train: 0,
          car: 0,
          community_transport: 0,
          taxi: 0,
          online: 0,
          other: 0,
        }),
      })
    })

    it('emits every statement the coverage plan gives the measures modules, and nothing person-identifying', async () => {
      const r = await report(db, MARCH)
      const owned = [
        91, 87, 88, 93, 64, 84, 65, 92, 73, 96, 78, 57, 58, 59, 60, 61, 94, 72, 70, 71, 76, 95, 77, 80, 81, 55, 124, 82,
        83, 97, 108, 98, 125, 37, 53, 13, 27, 54, 99, 34, 32, 35, 20, 17, 18, 38,
      ]
      const emitted = new Set([...r.values()].flatMap((m) => m.cds))
      assert.deepEqual(
        owned.filter((n) => !emitted.has(n)),
        [],
      )
      const text = JSON.stringify([...r.values()])
      for (const secret of ['Feeling better', 'Money worries', 'Test', data.e1.personId])
        assert.ok(!text.includes(secret), secret)
      // Every measure has a label in both languages, including the not-available forms of #65, #84, #92.
      const i18n = new I18n()
      const ids = [...r.keys(), 'cds65', 'cds84', 'cds92']
      for (const lang of ['en', 'cy'] as const)
        assert.deepEqual(
          ids.filter((id) => !i18n.has(lang, measureLabelKey(id))),
          [],
          lang,
        )
    })
  })
}
