import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

/**
 * A small hand-built provider for the engine's tests (engine.test.ts gives the expected answer of every measure
 * from it). Dates are 10:00 UTC, the same day in Wales. Its own organisation keeps it apart from the demo data.
 */
export async function buildPathwayFixture(db: Kysely<DB>) {
  const at = (day: string) => new Date(`${day}T10:00:00Z`)
  const org = await db
    .insertInto('organisations')
    .values({ name: `Engine test ${randomUUID().slice(0, 8)}`, type: 'provider' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const organisationId = org.id
  const person = async (values: {
    dob: string
    la: string | null
    decile: number | null
    sex: string | null
    language: 'cy' | 'en'
    usedBefore: 'yes' | 'no' | null
  }) =>
    (
      await db
        .insertInto('people')
        .values({
          organisation_id: organisationId,
          given_name: 'Test',
          family_name: 'Person',
          match_name: 'test person',
          date_of_birth: values.dob,
          local_authority_code: values.la,
          wimd_decile: values.decile,
          sex: values.sex,
          language: values.language,
          used_social_prescribing_before: values.usedBefore,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const p1 = await person({
    dob: '1980-06-15',
    la: 'W06000015',
    decile: 3,
    sex: 'female',
    language: 'cy',
    usedBefore: 'no',
  })
  const p2 = await person({
    dob: '2005-01-01',
    la: 'W06000014',
    decile: 10,
    sex: 'male',
    language: 'en',
    usedBefore: 'yes',
  })
  const p3 = await person({ dob: '1950-01-01', la: null, decile: null, sex: null, language: 'en', usedBefore: null })

  const referral = async (values: {
    personId: string
    on: string
    route: 'primary_care' | 'self' | 'housing'
    channel: 'professional_form' | 'self_referral_form' | 'practitioner'
    role: string | null
    reasons: string[]
    status: 'accepted' | 'declined'
    decline?: 'out_of_area' | 'person_declined' | 'duplicate'
  }) =>
    (
      await db
        .insertInto('referrals')
        .values({
          reference: `ENG-${randomUUID().slice(0, 13)}`,
          person_id: values.personId,
          organisation_id: organisationId,
          route: values.route,
          channel: values.channel,
          referrer_role: values.role,
          reasons: values.reasons,
          person_agreed: true,
          status: values.status,
          decline_reason: values.decline ?? null,
          received_at: at(values.on),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const r5 = await referral({
    personId: p1,
    on: '2020-12-01',
    route: 'primary_care',
    channel: 'professional_form',
    role: 'GP',
    reasons: ['loneliness'],
    status: 'declined',
    decline: 'duplicate',
  })
  const r1 = await referral({
    personId: p1,
    on: '2021-02-01',
    route: 'primary_care',
    channel: 'professional_form',
    role: 'GP',
    reasons: ['loneliness', 'money'],
    status: 'accepted',
  })
  const r2 = await referral({
    personId: p2,
    on: '2021-03-01',
    route: 'self',
    channel: 'self_referral_form',
    role: null,
    reasons: ['loneliness'],
    status: 'accepted',
  })
  const r3 = await referral({
    personId: p3,
    on: '2021-04-01',
    route: 'housing',
    channel: 'practitioner',
    role: null,
    reasons: ['housing'],
    status: 'declined',
    decline: 'out_of_area',
  })
  const r4 = await referral({
    personId: p3,
    on: '2021-05-01',
    route: 'housing',
    channel: 'practitioner',
    role: ' Housing Officer ',
    reasons: ['housing'],
    status: 'declined',
    decline: 'person_declined',
  })

  const e1 = (
    await db
      .insertInto('episodes')
      .values({
        person_id: p1,
        referral_id: r1,
        organisation_id: organisationId,
        status: 'closed',
        started_at: at('2021-02-10'),
        ended_at: at('2021-06-10'),
        closing_reason: 'goals_met',
        level_of_support: 'holistic',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const e2 = (
    await db
      .insertInto('episodes')
      .values({
        person_id: p2,
        referral_id: r2,
        organisation_id: organisationId,
        status: 'open',
        started_at: at('2021-03-05'),
        level_of_support: 'signposting',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('episode_events')
    .values([
      {
        episode_id: e1,
        person_id: p1,
        organisation_id: organisationId,
        kind: 'level_set',
        level_of_support: 'signposting',
        at: at('2021-02-10'),
      },
      {
        episode_id: e1,
        person_id: p1,
        organisation_id: organisationId,
        kind: 'level_changed',
        level_of_support: 'holistic',
        previous_level: 'signposting',
        at: at('2021-03-01'),
      },
      {
        episode_id: e2,
        person_id: p2,
        organisation_id: organisationId,
        kind: 'level_set',
        level_of_support: 'signposting',
        at: at('2021-03-05'),
      },
    ])
    .execute()
  await db
    .insertInto('referral_contact_attempts')
    .values([
      {
        referral_id: r1,
        organisation_id: organisationId,
        attempted_at: at('2021-02-05'),
        mode: 'phone',
        successful: true,
      },
      {
        referral_id: r2,
        organisation_id: organisationId,
        attempted_at: at('2021-03-02'),
        mode: 'phone',
        successful: false,
      },
    ])
    .execute()
  const contact = (episodeId: string, personId: string, on: string, dna = false) =>
    db
      .insertInto('support_contacts')
      .values({
        person_id: personId,
        episode_id: episodeId,
        organisation_id: organisationId,
        occurred_at: at(on),
        mode: 'face_to_face',
        duration_minutes: dna ? null : 60,
        with_whom: ['person'],
        contact_type: 'review',
        did_not_attend: dna,
        language: 'en',
      })
      .execute()
  await contact(e1, p1, '2021-02-15')
  await contact(e1, p1, '2021-03-15', true)
  await contact(e1, p1, '2021-05-20')
  await contact(e2, p2, '2021-03-10')
  await db
    .insertInto('what_matters_conversations')
    .values([
      { person_id: p1, episode_id: e1, organisation_id: organisationId, completed: true, held_on: '2021-02-15' },
      { person_id: p2, episode_id: e2, organisation_id: organisationId, completed: false, held_on: '2021-03-10' },
    ])
    .execute()

  const directoryOrganisationId = randomUUID()
  await db
    .insertInto('directory_organisations')
    .values({ id: directoryOrganisationId, name: 'Engine test asset' })
    .execute()
  const term = async (code: string) =>
    (await db.selectFrom('taxonomy_terms').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const service = async (directory: string | null, attending: string[], codes: string[]) => {
    const id = randomUUID()
    await db
      .insertInto('services')
      .values({
        id,
        name: `Engine service ${id.slice(0, 6)}`,
        status: 'active',
        directory_organisation_id: directory,
        attending_types: attending,
      })
      .execute()
    for (const code of codes)
      await db
        .insertInto('attributes')
        .values({ id: randomUUID(), link_id: id, link_type: 'service', taxonomy_term_id: await term(code) })
        .execute()
    return id
  }
  const s1 = await service(directoryOrganisationId, ['group'], ['green'])
  const s2 = await service(null, ['online'], ['creative', 'social'])
  type Kind = 'signpost' | 'referral' | 'supported_introduction' | null
  type Status =
    | 'suggested'
    | 'signposted'
    | 'referred'
    | 'introduced'
    | 'accepted'
    | 'declined'
    | 'first_attended'
    | 'attending'
    | 'did_not_attend'
    | 'completed'
    | 'withdrew'
  const connection = async (
    episodeId: string,
    personId: string,
    serviceId: string,
    kind: Kind,
    status: Status,
    on: string,
    events: [Status, string][],
    extra: { first?: string; decline?: string } = {},
  ) => {
    const id = (
      await db
        .insertInto('connections')
        .values({
          person_id: personId,
          episode_id: episodeId,
          organisation_id: organisationId,
          service_id: serviceId,
          kind,
          status,
          created_at: at(on),
          first_attended_at: extra.first ? at(extra.first) : null,
          decline_reason: extra.decline ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    for (const [to, day] of events)
      await db
        .insertInto('connection_events')
        .values({ connection_id: id, to_status: to, side: 'practitioner', at: at(day) })
        .execute()
    return id
  }
  const c1 = await connection(
    e1,
    p1,
    s1,
    'referral',
    'completed',
    '2021-02-20',
    [
      ['referred', '2021-02-20'],
      ['accepted', '2021-02-25'],
      ['first_attended', '2021-03-01'],
      ['attending', '2021-03-08'],
      ['completed', '2021-04-30'],
    ],
    { first: '2021-03-01' },
  )
  const c2 = await connection(e1, p1, s2, 'signpost', 'withdrew', '2021-03-01', [
    ['signposted', '2021-03-01'],
    ['did_not_attend', '2021-03-10'],
    ['withdrew', '2021-03-20'],
  ])
  await connection(
    e2,
    p2,
    s1,
    'referral',
    'declined',
    '2021-03-15',
    [
      ['referred', '2021-03-15'],
      ['declined', '2021-03-20'],
    ],
    { decline: 'full' },
  )
  await connection(e2, p2, s2, null, 'suggested', '2021-03-16', [])
  await connection(
    e2,
    p2,
    s2,
    'supported_introduction',
    'first_attended',
    '2021-04-01',
    [
      ['introduced', '2021-04-01'],
      ['first_attended', '2021-04-05'],
    ],
    { first: '2021-04-05' },
  )
  return {
    organisationId,
    people: { p1, p2, p3 },
    referrals: { r1, r2, r3, r4, r5 },
    episodes: { e1, e2 },
    connections: { c1, c2 },
    directoryOrganisationId,
  }
}
