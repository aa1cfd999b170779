import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { formatDate } from '../../platform/i18n/i18n.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, HttpProblem } from '../../platform/http/problems.js'
import type { ReportFilter, ReportResult } from './contract.js'
import { reportCacheOf } from './engine/cache.js'
import { buildReport } from './engine/report.js'
import { reportCsv, reportXlsx } from './exports.js'
import { type ParsedReportQuery, parseReportQuery } from './filters.js'
import { dimensionOptions, exportQuery, formValues, offeredDimensions } from './page-form.js'
import { reportNames } from './names.js'
import { type Labeller, presentReport } from './present.js'

const views = 'features/reports/views'
const printCss = readFileSync(new URL('./views/print.css', import.meta.url), 'utf8')

/**
 * Where the pages get their report: parseReportQuery and the engine's buildReport. Tests put a fixture report here
 * (reports/fixture.ts) so every kind of measure is drawn before the measure modules have data.
 */
export const reportSource = { build: buildReport, parse: parseReportQuery }

type Read = 'report.view' | 'report.export'

/** The report pages, charts and CSV/XLSX exports (issue 7 §5). */
export async function reportPages(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const i18n = app.deps.i18n

  const labeller = (request: FastifyRequest, names: Record<string, string> = {}): Labeller => ({
    lang: request.lang,
    t: request.t,
    has: (key) => i18n.has(request.lang, key),
    names,
  })

  /** The names the report's codes are shown with (areas, kinds of activity, organisations, teams). */
  const areaNames = (request: FastifyRequest, result: ReportResult | null) => reportNames(db, request.lang, result)

  /** Parses, builds and audits a report read in one transaction; a refusal (403) is the filters' to audit. */
  async function read(request: FastifyRequest, action: Read, format?: string): Promise<{ parsed: ParsedReportQuery; result: ReportResult | null }> {
    const actor = request.user as Actor | undefined
    if (!actor) throw forbidden()
    const query = (request.query ?? {}) as Record<string, unknown>
    const parsed = await reportSource.parse(db, actor, query, { audit: auditContext(request) })
    if (!parsed.ok) {
      if (parsed.status === 403) throw new HttpProblem(403, 'forbidden', parsed.errors[0]?.key ?? 'errors.forbidden.body')
      return { parsed, result: null }
    }
    // Built outside a transaction of ours: buildReport first brings the aggregates up to date in transactions of its
    // own (one per batch of changed referrals). The read is audited once the report exists: nothing is shown unaudited.
    const result = await reportSource.build(db, parsed.filter, parsed.audience, reportCacheOf(db))
    await audit(db, auditContext(request), {
      action,
      recordType: 'report',
      detail: { filter: parsed.filter, audience: parsed.audience, ...(format ? { format } : {}) },
    })
    return { parsed, result }
  }

  app.get('/assets/report-print.css', { config: { action: 'public' } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printCss),
  )

  app.get('/reports', { config: { action: 'reports.view' } }, async (request, reply) => {
    const actor = request.user as Actor
    const { parsed, result } = await read(request, 'report.view')
    const query = (request.query ?? {}) as Record<string, unknown>
    const filter: ReportFilter | null = parsed.ok ? parsed.filter : null
    const errors = parsed.ok ? [] : parsed.errors.map((e) => ({ field: e.field, text: request.t(e.key), href: `#${e.field === 'from' || e.field === 'to' ? `${e.field}-day` : e.field}` }))
    const values = formValues(query, filter)
    const options = await dimensionOptions(db, actor, request.lang, request.t)
    const report = result ? presentReport(labeller(request, await areaNames(request, result)), result) : null
    return reply.code(parsed.ok ? 200 : 400).view(`${views}/report.njk`, {
      title: request.t('reports.title'),
      errors,
      values,
      selects: offeredDimensions(actor).map((d) => ({
        id: d,
        label: request.t(`reports.dimensions.${d}`),
        items: [{ value: '', text: request.t('reports.filter.any') }, ...(options[d] ?? []).map((o) => ({ ...o, selected: values.chosen[d] === o.value }))],
      })),
      result,
      report,
      period: filter ? request.t('reports.period', { from: formatDate(filter.from, request.lang), to: formatDate(filter.to, request.lang) }) : null,
      refreshed: result ? request.t('reports.refreshed', { when: formatDate(result.refreshedAt, request.lang, true) }) : null,
      exportQuery: exportQuery(request.url),
    })
  })

  app.get('/reports/print', { config: { action: 'reports.view' } }, async (request, reply) => {
    const { parsed, result } = await read(request, 'report.view', 'print')
    if (!parsed.ok || !result) throw new HttpProblem(400, 'invalid_report_query', parsed.ok ? 'errors.badRequest.title' : (parsed.errors[0]?.key ?? 'errors.badRequest.title'))
    return reply.view(`${views}/print.njk`, {
      title: request.t('reports.title'),
      result,
      report: presentReport(labeller(request, await areaNames(request, result)), result),
      period: request.t('reports.period', { from: formatDate(result.filter.from, request.lang), to: formatDate(result.filter.to, request.lang) }),
      refreshed: request.t('reports.refreshed', { when: formatDate(result.refreshedAt, request.lang, true) }),
      exportQuery: exportQuery(request.url),
    })
  })

  async function exported(request: FastifyRequest, reply: FastifyReply, format: 'csv' | 'xlsx') {
    const { parsed, result } = await read(request, 'report.export', format)
    if (!parsed.ok || !result) throw new HttpProblem(400, 'invalid_report_query', parsed.ok ? 'errors.badRequest.title' : (parsed.errors[0]?.key ?? 'errors.badRequest.title'))
    const l = labeller(request, await areaNames(request, result))
    const name = `cyswllt-rba-${result.filter.from}-${result.filter.to}-${request.lang}.${format}`
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store')
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(l, result))
    const base = `${request.protocol}://${request.host}`
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(l, result, base))
  }

  app.get('/reports/rba.csv', { config: { action: 'reports.view' } }, (request, reply) => exported(request, reply, 'csv'))
  app.get('/reports/rba.xlsx', { config: { action: 'reports.view' } }, (request, reply) => exported(request, reply, 'xlsx'))
}
