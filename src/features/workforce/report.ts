import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, HttpProblem } from '../../platform/http/problems.js'
import { formatDate } from '../../platform/i18n/i18n.js'
import type { FieldError } from '../admin/fields.js'
import type { ReportResult } from '../reports/contract.js'
import { reportCsv, reportXlsx } from '../reports/exports.js'
import { type Labeller, presentReport } from '../reports/present.js'
import { dayValues, parseDay } from '../what-matters/dates.js'
import { buildWorkforceReport, workforceScope } from './dataset.js'
import { dbsStatuses, fteBands, settings, welshSkills } from './rules.js'
import { today } from './service.js'

const views = 'features/workforce/views'

/** The Welsh public bodies' financial year (1 April) that holds `day`. */
export function financialYearStart(day: string): string {
  const year = Number(day.slice(0, 4))
  return day.slice(5) >= '04-01' ? `${year}-04-01` : `${year - 1}-04-01`
}

/** The report's period: from/to as ISO dates or date-input parts; by default this financial year to today. */
export function reportPeriod(query: Record<string, unknown>, day: string): { ok: true; from: string; to: string } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const given = (name: string) => Object.keys(query).some((k) => k === name || k.startsWith(`${name}-`)) && [query[name], query[`${name}-day`], query[`${name}-month`], query[`${name}-year`]].some((v) => typeof v === 'string' && v.trim() !== '')
  const one = (name: 'from' | 'to', fallback: string) => {
    if (!given(name)) return fallback
    const parsed = parseDay(query, name)
    if ('problem' in parsed) {
      errors.push({ field: name, key: `workforce.errors.${name}Invalid`, href: `#${name}-day` })
      return null
    }
    return parsed.date
  }
  const from = one('from', financialYearStart(day))
  const to = one('to', day)
  if (from && to && to < from) errors.push({ field: 'to', key: 'workforce.errors.toBeforeFrom', href: '#to-day' })
  if (errors.length > 0 || !from || !to) return { ok: false, errors }
  return { ok: true, from, to }
}

/** The names the dataset's parts and categories are shown with (the reports' labeller looks codes up here first). */
export function workforceLabeller(app: FastifyInstance, request: FastifyRequest): Labeller {
  const t = request.t
  const names: Record<string, string> = {}
  for (const s of settings) names[s] = t(`workforce.settings.${s}`)
  for (const w of welshSkills) names[w] = t(`workforce.welshSkills.${w}`)
  for (const b of fteBands) names[b] = t(`workforce.fteBands.${b}`)
  for (const d of dbsStatuses) names[d] = t(`workforce.dbsStatuses.${d}`)
  for (const part of ['attendees', 'dbs_status', 'setting', 'welsh_skill', 'fte_band', 'hours']) names[part] = t(`workforce.report.parts.${part}`)
  return { lang: request.lang, t, has: (key) => app.deps.i18n.has(request.lang, key), names }
}

/** Builds the dataset for the actor's scope and audits the read (aggregates by commissioners included). */
export async function readWorkforceReport(app: FastifyInstance, request: FastifyRequest, from: string, to: string, format?: string): Promise<ReportResult> {
  const db = app.deps.database.db
  const scope = await workforceScope(db, request.user as Actor)
  if (!scope) throw forbidden()
  const result = await buildWorkforceReport(db, scope, from, to)
  await audit(db, auditContext(request), {
    action: 'workforce_report.view',
    recordType: 'report',
    detail: { from, to, audience: scope.audience, organisations: scope.organisationIds.length, ...(format ? { format } : {}) },
  })
  return result
}

/** /workforce/report and its CSV/XLSX downloads, rendered by the reports' own presenter and exports. */
export async function workforceReportPages(app: FastifyInstance): Promise<void> {
  app.get('/workforce/report', { config: { action: 'workforce.report.view' } }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>
    const period = reportPeriod(query, today())
    const result = period.ok ? await readWorkforceReport(app, request, period.from, period.to) : null
    const values = period.ok ? { from: dayValues(period, 'from'), to: dayValues(period, 'to') } : { from: dayValues(query, 'from'), to: dayValues(query, 'to') }
    const exportQuery = period.ok ? `?from=${period.from}&to=${period.to}` : ''
    return reply.code(period.ok ? 200 : 400).view(`${views}/report.njk`, {
      title: request.t('workforce.report.title'),
      errors: period.ok ? [] : period.errors.map((e) => ({ field: e.field, text: request.t(e.key), href: e.href ?? `#${e.field}` })),
      values,
      result,
      report: result ? presentReport(workforceLabeller(app, request), result) : null,
      period: period.ok ? request.t('workforce.report.period', { from: formatDate(period.from, request.lang), to: formatDate(period.to, request.lang) }) : null,
      exportQuery,
    })
  })

  async function exported(request: FastifyRequest, reply: FastifyReply, format: 'csv' | 'xlsx') {
    const period = reportPeriod((request.query ?? {}) as Record<string, unknown>, today())
    if (!period.ok) throw new HttpProblem(400, 'invalid_period', period.errors[0]?.key ?? 'errors.badRequest.title')
    const result = await readWorkforceReport(app, request, period.from, period.to, format)
    const l = workforceLabeller(app, request)
    const name = `cyswllt-workforce-${period.from}-${period.to}-${request.lang}.${format}`
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store')
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(l, result))
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(l, result, `${request.protocol}://${request.host}`))
  }

  app.get('/workforce/report.csv', { config: { action: 'workforce.report.view' } }, (request, reply) => exported(request, reply, 'csv'))
  app.get('/workforce/report.xlsx', { config: { action: 'workforce.report.view' } }, (request, reply) => exported(request, reply, 'xlsx'))
}
