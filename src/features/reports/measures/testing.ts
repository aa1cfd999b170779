import { randomUUID } from 'node:crypto'
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import type { MeasureResult, ReportFilter } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { experienceModule } from './experience.js'
import { journeyModule } from './journey.js'
import { outcomesModule } from './outcomes.js'
import { addOutcomeData } from './testing-outcomes.js'
import { addJourneyData } from './testing-journey.js'
import { rewriteConnectionAndContactFacts } from '../engine/facts-sql.js'

/*
 * Test support (not used by the application): a hand-built data set with known answers
 * (docs/reports-outcomes-and-experience.md): four episodes (three at provider A, one at B) and a referral without
 * one, the period March 2026. Until the engine's refresh lands, the report_referral_facts rows are written here by
 * `factsRow`, and the modules are called with a ReportContext whose facts() applies the filter's organisation and
 * age band.
 */

export const MARCH: ReportFilter = { from: '2026-03-01', to: '2026-03-31', where: {} }

export interface Episode {
  personId: string
  referralId: string
  episodeId: string | null
  organisationId: string
}

export type MeasureData = Awaited<ReturnType<typeof buildMeasureData>>

export async function buildMeasureData(db: Kysely<DB>) {
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

  const base = { A, B, author, lead, e1, e2, e3, e4, e5 }
  await addOutcomeData(db, base)
  await addJourneyData(db, base)
  await outcomesModule.refresh?.(
    db,
    [e1, e2, e3, e4, e5].map((e) => e.referralId),
  )
  // The contacts' facts, as the engine's refresh writes them (the #13 and #81 measures read them).
  await rewriteConnectionAndContactFacts(db, { ids: [e1, e2, e3, e4, e5].map((e) => e.referralId) })
  return base
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

export function contextOf(db: Kysely<DB>, filter: ReportFilter): ReportContext {
  return {
    db,
    filter,
    facts: () => {
      let q = db.selectFrom('report_referral_facts')
      if (filter.where.organisation?.length) q = q.where('organisation_id', 'in', filter.where.organisation)
      if (filter.where.age_band?.length) q = q.where('age_band', 'in', filter.where.age_band)
      return q
    },
    unfiltered: !filter.where.organisation?.length && !filter.where.age_band?.length,
  }
}

export async function report(db: Kysely<DB>, filter: ReportFilter): Promise<Map<string, MeasureResult>> {
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

export const change = (
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
export const rows = (counts: Record<string, number>) => Object.entries(counts).map(([code, count]) => ({ code, count }))
