import type { MeasureResult, MeasureValue, RbaQuestion } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { proRatedPence } from '../../service-returns/rules.js'
import { filteredByPerson, latestPerOrganisation, organisationsInScope, sumOf } from './costs-scope.js'

/*
 * Costs and the service's own figures (issue 7 §4), from the period returns managers enter (features/service-returns):
 * #10 running costs, pro-rated to the report period by days of overlap; #9 continuation of funding; #68, #69 cost
 * per person supported and per episode ended; #28, #29, #26, #5 (stocks: each organisation's latest return
 * overlapping the period); #7, #8, #6 (flows: every return overlapping the period, counted whole); #15 practitioner
 * job satisfaction (latest); the activities' #11 (pro-rated), #2, #3, #4 (whole) and #14 (latest per activity).
 */

const NO_RETURN = 'serviceReturns.measures.noReturn'
const NOT_GIVEN = 'serviceReturns.measures.notGiven'
const NO_ACTIVITY = 'serviceReturns.measures.noActivityReturn'
const BY_PERSON = 'serviceReturns.measures.notByPerson'

const measure = (id: string, cds: number, question: RbaQuestion, value: MeasureValue): MeasureResult => ({ id, cds: [cds], question, table2: false, value })
const unavailable = (reasonKey: string): MeasureValue => ({ kind: 'not_available', reasonKey })
const count = (n: number | null, none: string): MeasureValue => (n === null ? unavailable(none) : { kind: 'count', count: n })
const percent = (numerator: number, denominator: number) => (denominator === 0 ? null : Math.round((1000 * numerator) / denominator) / 10)
const share = (pairs: [number | null, number | null][], none: string): MeasureValue => {
  const given = pairs.filter((p): p is [number, number] => p[0] !== null && p[1] !== null)
  if (given.length === 0) return unavailable(none)
  const numerator = given.reduce((s, p) => s + p[0], 0)
  const denominator = given.reduce((s, p) => s + p[1], 0)
  return { kind: 'share', numerator, denominator, percent: percent(numerator, denominator) }
}
const num = (v: number | string | null) => (v === null ? null : Number(v))

async function serviceMeasures(context: ReportContext, organisations: string[]): Promise<MeasureResult[]> {
  const { from, to } = context.filter
  const rows =
    organisations.length === 0
      ? []
      : await context.db.selectFrom('service_returns').selectAll().where('organisation_id', 'in', organisations).where('period_from', '<=', to).where('period_to', '>=', from).execute()
  const none = rows.length === 0 ? NO_RETURN : NOT_GIVEN
  const latest = latestPerOrganisation(rows)
  const byPerson = filteredByPerson(context)

  const costed = rows.filter((r) => r.running_costs_pence !== null)
  const pence = costed.length === 0 ? null : costed.reduce((s, r) => s + proRatedPence(Number(r.running_costs_pence), { from: r.period_from, to: r.period_to }, { from, to }), 0)
  const costedOrganisations = [...new Set(costed.map((r) => r.organisation_id))]
  const money = (per: number | null, noneKey: string): MeasureValue => {
    if (byPerson) return unavailable(BY_PERSON)
    if (pence === null) return unavailable(none)
    if (per === null) return { kind: 'money', pence, per: null }
    if (per === 0) return unavailable(noneKey)
    return { kind: 'money', pence: Math.round(pence / per), per }
  }

  // People supported: an episode open on any day of the period, at the organisations whose costs are counted.
  const scoped = () => context.facts().where('organisation_id', 'in', costedOrganisations.length ? costedOrganisations : ['00000000-0000-0000-0000-000000000000'])
  const people = Number(
    (await scoped()
      .where('episode_started_on', '<=', to)
      .where((eb) => eb.or([eb('episode_ended_on', 'is', null), eb('episode_ended_on', '>=', from)]))
      .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
      .executeTakeFirst())?.n ?? 0,
  )
  const ended = Number(
    (await scoped()
      .where('episode_ended_on', '>=', from)
      .where('episode_ended_on', '<=', to)
      .select((eb) => eb.fn.count<number>('episode_id').distinct().as('n'))
      .executeTakeFirst())?.n ?? 0,
  )

  const funding = latest.map((r) => r.funding_continues ?? 'not_given')
  const fundingRows = ['yes', 'no', 'not_known', 'not_given'].map((code) => ({ code, count: funding.filter((f) => f === code).length }))

  return [
    measure('cds10', 10, 'how_much', money(null, NO_RETURN)),
    measure('cds9', 9, 'how_much', rows.length === 0 ? unavailable(NO_RETURN) : { kind: 'breakdown', total: latest.length, additive: true, rows: fundingRows }),
    measure('cds68', 68, 'better_off', money(people, 'serviceReturns.measures.noPeople')),
    measure('cds69', 69, 'better_off', money(ended, 'serviceReturns.measures.noCompleted')),
    measure('cds28', 28, 'how_much', count(sumOf(latest, (r) => r.staff_headcount), none)),
    measure('cds28.fte', 28, 'how_much', count(sumOf(latest, (r) => r.staff_fte), none)),
    measure('cds29', 29, 'how_much', count(sumOf(latest, (r) => r.volunteers), none)),
    measure('cds26', 26, 'how_much', share(latest.map((r) => [r.practitioners_dbs_checked, r.staff_headcount]), none)),
    measure('cds5', 5, 'how_well', share(latest.map((r) => [r.staff_trained_data_collection, r.staff_headcount]), none)),
    measure('cds7', 7, 'how_much', count(sumOf(rows, (r) => r.training_sessions), none)),
    measure('cds8', 8, 'how_much', count(sumOf(rows, (r) => r.staff_attending_training), none)),
    measure('cds6', 6, 'how_much', count(sumOf(rows, (r) => r.staff_completed_targeted_training), none)),
    measure('cds15', 15, 'how_well', share(latest.map((r) => [r.satisfaction_satisfied, r.satisfaction_respondents]), none)),
  ]
}

/**
 * Activities' figures: those entered by the organisations in scope, and those entered by anyone for the services
 * the organisations in scope connect people to.
 */
async function activityMeasures(context: ReportContext, organisations: string[]): Promise<MeasureResult[]> {
  const { from, to } = context.filter
  const rows =
    organisations.length === 0
      ? []
      : await context.db
          .selectFrom('activity_returns as r')
          .selectAll('r')
          .where('r.period_from', '<=', to)
          .where('r.period_to', '>=', from)
          .where((eb) =>
            eb.or([
              eb('r.organisation_id', 'in', organisations),
              eb('r.service_id', 'in', eb.selectFrom('connections as c').select('c.service_id').where('c.organisation_id', 'in', organisations)),
            ]),
          )
          .execute()
  const none = rows.length === 0 ? NO_ACTIVITY : NOT_GIVEN
  // One activity may have returns from its asset and from a provider: the latest per service counts for stocks.
  const latest = latestPerOrganisation(rows.map((r) => ({ ...r, organisation_id: r.service_id })))
  const costed = rows.filter((r) => r.running_costs_pence !== null)
  const pence = costed.length === 0 ? null : costed.reduce((s, r) => s + proRatedPence(Number(r.running_costs_pence), { from: r.period_from, to: r.period_to }, { from, to }), 0)
  return [
    measure('cds11', 11, 'how_much', filteredByPerson(context) ? unavailable(BY_PERSON) : pence === null ? unavailable(none) : { kind: 'money', pence, per: null }),
    measure('cds2', 2, 'how_much', count(sumOf(rows, (r) => num(r.users_completed_training)), none)),
    measure('cds3', 3, 'how_much', count(sumOf(rows, (r) => num(r.user_training_sessions)), none)),
    measure('cds4', 4, 'how_much', count(sumOf(rows, (r) => num(r.users_accessing_training)), none)),
    measure('cds14', 14, 'how_well', share(latest.map((r) => [r.staff_satisfaction_satisfied, r.staff_satisfaction_respondents]), none)),
  ]
}

export const costsModule: MeasureModule = {
  name: 'costs',
  async compute(context) {
    const organisations = await organisationsInScope(context)
    return [...(await serviceMeasures(context, organisations)), ...(await activityMeasures(context, organisations))]
  },
}
