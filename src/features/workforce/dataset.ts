import type { Kysely } from 'kysely'
import type { Actor } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import type { Audience, CodeCount, MeasureResult, ReportResult } from '../reports/contract.js'
import { suppress } from '../reports/suppression.js'
import { dbsChecksOf, recordsOf, type DbsRow, type RecordRow, type TrainingRow, trainingOf, type VolunteerRow, volunteersOf } from './repository.js'
import { dbsStatus, dbsStatuses, employedDuring, fteBand, fteBands, settings, welshSkills } from './rules.js'

/*
 * The workforce dataset (CS §111; CDS #5–#8, #26, #28, #29) as a ReportResult, so the reports' suppression, page
 * rendering and CSV/XLSX exports serve it unchanged. Team leads get their organisation's exact numbers;
 * commissioners the organisations serving their areas, suppressed (no names, no person-level rows).
 */

export interface WorkforceScope {
  audience: Audience
  organisationIds: string[]
}

/**
 * Whose workforce the actor may see in aggregate. A team lead: their own organisation (exact), even if they also
 * hold the commissioner role (as reports/access.ts decides). A commissioner: every non-commissioning organisation
 * with an area among their organisation's (organisation_areas); a national team (no areas) sees all of Wales.
 */
export async function workforceScope(db: Kysely<DB>, actor: Actor): Promise<WorkforceScope | null> {
  if (actor.roles.includes('team_lead')) return { audience: 'organisation', organisationIds: [actor.organisationId] }
  if (!actor.roles.includes('commissioner')) return null
  const areas = (await db.selectFrom('organisation_areas as a').select('a.local_authority_code').where('a.organisation_id', '=', actor.organisationId).execute()).map((a) => a.local_authority_code)
  let query = db.selectFrom('organisations as o').select('o.id').where('o.type', '!=', 'commissioner')
  if (areas.length > 0) query = query.where((eb) => eb.exists(eb.selectFrom('organisation_areas as oa').select('oa.organisation_id').whereRef('oa.organisation_id', '=', 'o.id').where('oa.local_authority_code', 'in', areas)))
  const rows = await query.orderBy('o.id').execute()
  return { audience: 'aggregate', organisationIds: rows.map((r) => r.id) }
}

export interface DatasetInputs {
  records: RecordRow[]
  checks: DbsRow[]
  training: TrainingRow[]
  volunteers: VolunteerRow[]
}

const breakdown = (codes: readonly string[], values: string[]): { kind: 'breakdown'; total: number; additive: true; rows: CodeCount[] } => ({
  kind: 'breakdown',
  total: values.length,
  additive: true,
  rows: codes.map((code) => ({ code, count: values.filter((v) => v === code).length })),
})

const distinct = (ids: (string | null)[]) => new Set(ids.filter((id): id is string => id !== null)).size

/** The dataset's measures over [from, to] from the rows read: a pure function, tested with hand-built rows. */
export function workforceMeasures(input: DatasetInputs, from: string, to: string): MeasureResult[] {
  const staff = input.records.filter((r) => employedDuring(r, from, to))
  const staffIds = new Set(staff.map((s) => s.userId))
  // The latest check on or before the period's end: the one that stood at the time reported on.
  const latest = new Map<string, DbsRow>()
  for (const c of input.checks) {
    if (!staffIds.has(c.userId) || c.checkedOn > to) continue
    const seen = latest.get(c.userId)
    if (!seen || c.checkedOn > seen.checkedOn) latest.set(c.userId, c)
  }
  const statuses = staff.map((s) => {
    const c = latest.get(s.userId)
    return dbsStatus(c ? { checkedOn: c.checkedOn, renewalMonths: c.renewalMonths } : null, to).status
  })
  const checked = statuses.filter((s) => s === 'in_date' || s === 'due_soon').length
  const completed = input.training.filter((t) => t.status === 'completed' && t.heldOn >= from && t.heldOn <= to)
  const attended = completed.filter((t) => t.kind === 'attended')
  const delivered = completed.filter((t) => t.kind === 'delivered')
  // A headcount is not summed over periods (the same people volunteer each quarter): each organisation's largest
  // count among the periods overlapping the report's, summed over organisations. Hours are summed.
  const overlapping = input.volunteers.filter((v) => v.periodFrom <= to && v.periodTo >= from)
  const perOrganisation = new Map<string, number>()
  for (const v of overlapping) perOrganisation.set(v.organisationId, Math.max(perOrganisation.get(v.organisationId) ?? 0, v.volunteers))
  const volunteers = [...perOrganisation.values()].reduce((a, b) => a + b, 0)
  const volunteerHours = Math.round(overlapping.reduce((a, v) => a + v.hours, 0))
  const m = (id: string, cds: number, value: MeasureResult['value']): MeasureResult => ({ id, cds: [cds], question: 'how_much', table2: false, value })
  return [
    m('cds5', 5, { kind: 'count', count: distinct(attended.filter((t) => t.dataCollection).map((t) => t.userId)) }),
    m('cds6', 6, { kind: 'count', count: distinct(attended.filter((t) => t.targeted).map((t) => t.userId)) }),
    m('cds7', 7, { kind: 'count', count: delivered.length }),
    m('cds7.attendees', 7, { kind: 'count', count: delivered.reduce((a, t) => a + (t.attendees ?? 0), 0) }),
    m('cds8', 8, { kind: 'count', count: distinct(attended.map((t) => t.userId)) }),
    m('cds26', 26, { kind: 'share', numerator: checked, denominator: staff.length, percent: staff.length ? Math.round((checked / staff.length) * 1000) / 10 : null }),
    m('cds26.dbs_status', 26, breakdown(dbsStatuses, statuses)),
    m('cds28', 28, { kind: 'count', count: staff.length }),
    m('cds28.setting', 28, breakdown(settings, staff.map((s) => s.setting))),
    m('cds28.welsh_skill', 28, breakdown(welshSkills, staff.map((s) => s.welshSkill))),
    m('cds28.fte_band', 28, breakdown(fteBands, staff.map((s) => fteBand(s.fte)))),
    m('cds29', 29, { kind: 'count', count: volunteers }),
    m('cds29.hours', 29, { kind: 'count', count: volunteerHours }),
  ]
}

/** Reads the scope's rows and builds the report; suppressed for an aggregate audience. */
export async function buildWorkforceReport(db: Kysely<DB>, scope: WorkforceScope, from: string, to: string): Promise<ReportResult> {
  const records = await recordsOf(db, scope.organisationIds)
  const [checks, training, volunteers] = await Promise.all([
    dbsChecksOf(db, records.map((r) => r.userId)),
    trainingOf(db, { organisationIds: scope.organisationIds }),
    volunteersOf(db, scope.organisationIds),
  ])
  const result: ReportResult = {
    filter: { from, to, where: scope.audience === 'organisation' ? { organisation: scope.organisationIds } : {} },
    audience: scope.audience,
    refreshedAt: new Date().toISOString(),
    measures: workforceMeasures({ records, checks, training, volunteers }, from, to),
    equity: [],
  }
  return scope.audience === 'aggregate' ? suppress(result) : result
}
