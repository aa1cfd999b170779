import { barrierCodes, notActingReasonCodes } from '../../connections/barriers.js'
import { barrierKinds } from '../../experience/rules.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
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

interface Reply {
  id: string
  anonymous: boolean
  service_satisfaction: number | null
  information_satisfaction: number | null
  influenced_decisions: number | null
  positive_experience: number | null
  service_barriers: string[]
  practitioner_barriers: string[]
}

const replyColumns = [
  'r.id',
  'r.anonymous',
  'r.service_satisfaction',
  'r.information_satisfaction',
  'r.influenced_decisions',
  'r.positive_experience',
  'r.service_barriers',
  'r.practitioner_barriers',
] as const

async function repliesInScope(ctx: ReportContext): Promise<Reply[]> {
  const from = monthStart(ctx.filter.from)
  const named = await ctx.db
    .selectFrom('experience_replies as r')
    .where(episodeInScope(ctx, 'r.episode_id'))
    .select(replyColumns)
    .where('r.anonymous', '=', false)
    .where('r.month', '>=', from)
    .where('r.month', '<=', ctx.filter.to)
    .execute()
  const scope = organisationOnlyScope(ctx.filter)
  if (scope === null) return named
  let anonymous = ctx.db
    .selectFrom('experience_replies as r')
    .select(replyColumns)
    .where('r.anonymous', '=', true)
    .where('r.month', '>=', from)
    .where('r.month', '<=', ctx.filter.to)
  if (scope !== 'all') anonymous = anonymous.where('r.organisation_id', 'in', scope)
  return [...named, ...(await anonymous.execute())]
}

export function scaleValue(answers: readonly (number | null)[]): MeasureValue {
  const given = answers.filter((a): a is number => a !== null)
  const positive = given.filter((a) => a >= 4).length
  const mean = given.length ? Math.round((given.reduce((n, a) => n + a, 0) / given.length) * 100) / 100 : null
  return {
    kind: 'scale',
    n: given.length,
    mean,
    positive,
    positivePercent: percent(positive, given.length),
    rows: codeRows(tally(given.map(String)), scaleCodes),
  }
}

/** Records naming at least one barrier (total) and how many name each (not additive: one may name several). */
function barrierValue(records: readonly (readonly string[])[], known: readonly string[]): MeasureValue {
  const named = records.map((r) => r.filter((c) => c !== 'none')).filter((r) => r.length > 0)
  return { kind: 'breakdown', total: named.length, additive: false, rows: codeRows(tally(named.flat()), known) }
}

async function connectionEventCodes(ctx: ReportContext) {
  return ctx.db
    .selectFrom('connection_events as e')
    .innerJoin('connections as c', 'c.id', 'e.connection_id')
    .where(episodeInScope(ctx, 'c.episode_id'))
    .select(['e.barriers', 'e.not_acting_reasons'])
    .where('e.at', '>=', new Date(`${ctx.filter.from}T00:00:00Z`))
    .where('e.at', '<', new Date(`${nextDay(ctx.filter.to)}T00:00:00Z`))
    .where((eb) =>
      eb.or([
        eb(eb.fn('cardinality', ['e.barriers']), '>', 0),
        eb(eb.fn('cardinality', ['e.not_acting_reasons']), '>', 0),
      ]),
    )
    .execute()
}

/** Barriers recorded with missed contacts (#81), from the contacts' facts (migration 0036), not support_contacts. */
async function contactBarriers(ctx: ReportContext): Promise<string[][]> {
  const rows = await ctx.db
    .selectFrom('report_contact_facts as s')
    .where(referralInScope(ctx, 's.referral_id'))
    .select(['s.barriers'])
    .where('s.occurred_at', '>=', new Date(`${ctx.filter.from}T00:00:00Z`))
    .where('s.occurred_at', '<', new Date(`${nextDay(ctx.filter.to)}T00:00:00Z`))
    .where((eb) => eb(eb.fn('cardinality', ['s.barriers']), '>', 0))
    .execute()
  return rows.map((r) => r.barriers)
}

async function serviceRatings(ctx: ReportContext, replyIds: readonly string[]): Promise<(number | null)[]> {
  const out: (number | null)[] = []
  for (let i = 0; i < replyIds.length; i += 1000) {
    const rows = await ctx.db
      .selectFrom('experience_service_ratings')
      .select('satisfaction')
      .where('reply_id', 'in', replyIds.slice(i, i + 1000))
      .execute()
    out.push(...rows.map((r) => r.satisfaction))
  }
  return out
}

const result = (id: string, cds: number[], table2: boolean, value: MeasureValue): MeasureResult => ({
  id,
  cds,
  question: 'how_well',
  table2,
  value,
})

export async function computeExperience(ctx: ReportContext): Promise<MeasureResult[]> {
  const replies = await repliesInScope(ctx)
  const events = await connectionEventCodes(ctx)
  const contacts = await contactBarriers(ctx)
  const ratings = await serviceRatings(
    ctx,
    replies.map((r) => r.id),
  )
  const eventBarriers = events.map((e) => e.barriers).filter((b) => b.length > 0)
  const activityBarriers = [...replies.map((r) => r.service_barriers), ...eventBarriers]
  const practitionerBarriers = [...replies.map((r) => r.practitioner_barriers), ...contacts]
  const reasons = events.map((e) => e.not_acting_reasons).filter((r) => r.length > 0)
  const accessibility = [...activityBarriers, ...practitionerBarriers].filter((r) => r.includes('accessibility')).length
  const named = replies.filter((r) => !r.anonymous).length
  return [
    result('cds94', [94], true, scaleValue(replies.map((r) => r.service_satisfaction))),
    result('cds72', [72], true, scaleValue(replies.map((r) => r.information_satisfaction))),
    result('cds70', [70], true, scaleValue(replies.map((r) => r.influenced_decisions))),
    result('cds71', [71], false, scaleValue(replies.map((r) => r.positive_experience))),
    result('cds76', [76], false, {
      kind: 'count',
      count: replies.filter((r) => (r.positive_experience ?? 0) >= 4).length,
    }),
    result('cds77', [77], false, {
      kind: 'breakdown',
      total: replies.length,
      additive: true,
      rows: [
        { code: 'named', count: named },
        { code: 'anonymous', count: replies.length - named },
      ],
    }),
    result('cds95', [95], false, scaleValue(ratings)),
    result('cds80', [80], true, barrierValue(activityBarriers, barrierList)),
    result('cds81', [81], false, barrierValue(practitionerBarriers, barrierList)),
    result('cds55', [55], false, barrierValue(reasons, notActingReasonCodes)),
    result('cds124', [124], false, { kind: 'count', count: accessibility }),
  ]
}

export const experienceModule: MeasureModule = { name: 'experience', compute: computeExperience }
