import { type RawBuilder, sql } from 'kysely'
import { barrierCodes, notActingReasonCodes } from '../../connections/barriers.js'
import { barrierKinds } from '../../experience/rules.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'
import type { PassPart } from './pathway-sql.js'
import { episodeInScope, referralInScope } from './scope.js'
import { codeRows, monthStart, nextDay, organisationOnlyScope, percent, tally } from './shared.js'

/*
 * "How well did we do it?" in the person's words (issue 7 §2; CDS #94, #72, #70, #71, #76, #77, #95, #80, #81,
 * #55, #124), from the experience survey (experience_replies, experience_service_ratings), the barriers and
 * reasons recorded with connection moves (connection_events) and missed contacts (support_contacts).
 * Period: a reply is in the period its month overlaps (anonymous replies keep only the month); events and contacts
 * by the day they happened. Named replies follow the report's filter through their episode; anonymous replies
 * count for their organisation only (shared.ts organisationOnlyScope). Positive = 4 or 5 on the five-point scale.
 */

const scaleCodes = ['1', '2', '3', '4', '5']
/** The survey's kinds and the connection and contact lists, each code once. */
const barrierList = [...new Set<string>([...barrierKinds, ...barrierCodes])]

/**
 * The replies whose month overlaps the period: named ones through their episode, and anonymous ones for their
 * organisation when the filter names nothing else (organisationOnlyScope). A SQL slice for passOf.
 */
function repliesInScope(ctx: ReportContext): RawBuilder<unknown> {
  const from = monthStart(ctx.filter.from)
  const columns = sql`r.id, r.anonymous, r.service_satisfaction, r.information_satisfaction, r.influenced_decisions,
    r.positive_experience, r.service_barriers, r.practitioner_barriers`
  const inPeriod = sql`r.month >= ${from}::date and r.month <= ${ctx.filter.to}::date`
  const named = sql`select ${columns} from experience_replies r
    where ${episodeInScope(ctx, 'r.episode_id')} and not r.anonymous and ${inPeriod}`
  const scope = organisationOnlyScope(ctx.filter)
  if (scope === null) return named
  const organisations = scope === 'all' ? sql`true` : sql`r.organisation_id in (${sql.join(scope)})`
  return sql`${named} union all select ${columns} from experience_replies r where r.anonymous and ${inPeriod} and ${organisations}`
}

export function scaleValue(answers: readonly (number | null)[]): MeasureValue {
  return scaleOf(tally(answers.filter((a): a is number => a !== null).map(String)))
}

/** A five-point scale's answers from their counts by answer ('1' … '5'): n, mean, positive (4 or 5) and the rows. */
export function scaleOf(counts: Map<string, number>): MeasureValue {
  let n = 0
  let sum = 0
  let positive = 0
  for (const [answer, count] of counts) {
    n += count
    sum += Number(answer) * count
    if (Number(answer) >= 4) positive += count
  }
  return {
    kind: 'scale',
    n,
    mean: n ? Math.round((sum / n) * 100) / 100 : null,
    positive,
    positivePercent: percent(positive, n),
    rows: codeRows(counts, scaleCodes),
  }
}

/** The kinds of barrier record (#80 activity, #81 practitioner, #55 reasons for not acting). */
const barrierRecordKinds = ['activity', 'practitioner', 'reasons'] as const

/**
 * Every record naming barriers or reasons, by kind: survey replies, connection moves (connection_events, by the day
 * they happened) and missed contacts (the contacts' facts, migration 0036, not support_contacts). A SQL slice reading
 * the slices `replies` and `events`.
 */
function barrierRecords(ctx: ReportContext): RawBuilder<unknown> {
  const from = new Date(`${ctx.filter.from}T00:00:00Z`)
  const before = new Date(`${nextDay(ctx.filter.to)}T00:00:00Z`)
  return sql`select 'activity' as kind, r.service_barriers as codes from replies r
    union all select 'activity', e.barriers from events e where cardinality(e.barriers) > 0
    union all select 'practitioner', r.practitioner_barriers from replies r
    union all select 'practitioner', s.barriers from report_contact_facts s
      where ${referralInScope(ctx, 's.referral_id')} and s.occurred_at >= ${from} and s.occurred_at < ${before}
        and cardinality(s.barriers) > 0
    union all select 'reasons', e.not_acting_reasons from events e where cardinality(e.not_acting_reasons) > 0`
}

function connectionEvents(ctx: ReportContext): RawBuilder<unknown> {
  const from = new Date(`${ctx.filter.from}T00:00:00Z`)
  const before = new Date(`${nextDay(ctx.filter.to)}T00:00:00Z`)
  const inPeriod = sql`e.at >= ${from} and e.at < ${before} and (cardinality(e.barriers) > 0 or cardinality(e.not_acting_reasons) > 0)`
  // With no filter every connection is in scope (its episode is never null), so the events are read without joining
  // their connections: that join hashed all 1.5M connections, once per month part (issue 9).
  if (ctx.unfiltered) return sql`select e.barriers, e.not_acting_reasons from connection_events e where ${inPeriod}`
  // A filtered month part looks each event's connection up by its key: a month's few thousand events that name
  // something are found by date first (migration 0046). Joined, PostgreSQL read every connection to hash those of the
  // filter's episodes (one provider at national size: 413 ms a month against 106 ms). Over a year the join is the
  // faster (the provider's experience pass 669 ms joined, 832 ms looked up).
  if (ctx.months)
    return sql`select e.barriers, e.not_acting_reasons from connection_events e
      where ${inPeriod} and (select c.episode_id from connections c where c.id = e.connection_id) in (${ctx.facts().select('episode_id')})`
  return sql`select e.barriers, e.not_acting_reasons from connection_events e join connections c on c.id = e.connection_id
    where ${episodeInScope(ctx, 'c.episode_id')} and ${inPeriod}`
}

/**
 * Records naming at least one barrier (total) and how many name each (not additive: one may name several); 'none'
 * is not a barrier.
 */
function barrierParts(kind: (typeof barrierRecordKinds)[number]): PassPart[] {
  return [
    {
      key: `${kind}.records`,
      count: sql`select count(*) from barrier_records b where b.kind = ${kind}
        and exists (select 1 from unnest(b.codes) u(code) where u.code <> 'none')`,
    },
    {
      key: `${kind}.codes`,
      rows: sql`select u.code, count(*) from barrier_records b cross join unnest(b.codes) u(code)
        where b.kind = ${kind} and u.code <> 'none' group by 1`,
    },
  ]
}

const scaleColumns = {
  cds94: 'service_satisfaction',
  cds72: 'information_satisfaction',
  cds70: 'influenced_decisions',
  cds71: 'positive_experience',
} as const

const result = (id: string, cds: number[], table2: boolean, value: MeasureValue): MeasureResult => ({
  id,
  cds,
  question: 'how_well',
  table2,
  value,
})

/** The experience measures' pass for a context's period. */
const experiencePass: MonthlyPass = (ctx) => {
  const replies = sql`replies r`
  return {
    slices: { replies: repliesInScope(ctx), events: connectionEvents(ctx), barrier_records: barrierRecords(ctx) },
    parts: [
      {
        key: 'replies',
        from: replies,
        aggregates: {
          replies: sql`count(*)`,
          named: sql`count(*) filter (where not r.anonymous)`,
          cds76: sql`count(*) filter (where r.positive_experience >= 4)`,
          accessibility: sql`(select count(*) from barrier_records b
            where b.kind in ('activity', 'practitioner') and 'accessibility' = any(b.codes))`,
        },
      },
      ...Object.entries(scaleColumns).map(([key, column]) => ({
        key,
        rows: sql`select ${sql.ref(`r.${column}`)}, count(*) from ${replies} where ${sql.ref(`r.${column}`)} is not null group by 1`,
      })),
      {
        key: 'cds95',
        rows: sql`select s.satisfaction, count(*) from experience_service_ratings s
          where s.reply_id in (select r.id from replies r) and s.satisfaction is not null group by 1`,
      },
      ...barrierRecordKinds.flatMap(barrierParts),
    ],
  }
}

/**
 * Every measure counted in the database in one statement (issue 9): at national size a year holds tens of thousands
 * of replies and a hundred thousand missed contacts with barriers, which cost more to return than to count.
 */
export async function computeExperience(ctx: ReportContext): Promise<MeasureResult[]> {
  // Every part counts a record by its own month or day (a reply, a connection move, a missed contact), so the pass
  // adds up month by month (ADR 0019).
  const pass = await monthlyPassOf(ctx, 'experience', experiencePass)
  const counts = pass.counts
  const scale = (key: string) => scaleOf(counts(key))
  const barriers = (kind: (typeof barrierRecordKinds)[number], known: readonly string[]): MeasureValue => ({
    kind: 'breakdown',
    total: pass.count(`${kind}.records`),
    additive: false,
    rows: codeRows(counts(`${kind}.codes`), known),
  })
  const all = pass.count('replies')
  const named = pass.count('named')
  return [
    result('cds94', [94], true, scale('cds94')),
    result('cds72', [72], true, scale('cds72')),
    result('cds70', [70], true, scale('cds70')),
    result('cds71', [71], false, scale('cds71')),
    result('cds76', [76], false, { kind: 'count', count: pass.count('cds76') }),
    result('cds77', [77], false, {
      kind: 'breakdown',
      total: all,
      additive: true,
      rows: [
        { code: 'named', count: named },
        { code: 'anonymous', count: all - named },
      ],
    }),
    result('cds95', [95], false, scale('cds95')),
    result('cds80', [80], true, barriers('activity', barrierList)),
    result('cds81', [81], false, barriers('practitioner', barrierList)),
    result('cds55', [55], false, barriers('reasons', notActingReasonCodes)),
    result('cds124', [124], false, { kind: 'count', count: pass.count('accessibility') }),
  ]
}

export const experienceModule: MeasureModule = { name: 'experience', compute: computeExperience }
