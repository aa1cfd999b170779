import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, sendProblem } from '../../platform/http/problems.js'
import { dimensions } from './contract.js'
import { periodErrors } from './engine/period.js'
import { refreshReportFacts } from './engine/refresh.js'
import { reportCacheOf } from './engine/cache.js'
import { readersOf } from '../../platform/db/database.js'
import { buildReport } from './engine/report.js'
import { parseReportQuery } from './filters.js'
import type { ReportResult } from './contract.js'

const tags = ['Reports']
const num = { oneOf: [{ type: 'number' }, { type: 'string', enum: ['<5', 'suppressed'] }] } as const
const codeCounts = {
  type: 'array',
  items: { type: 'object', properties: { code: { type: 'string' }, count: num }, required: ['code', 'count'] },
} as const

const measureSchema = {
  type: 'object',
  properties: {
    id: {
      type: 'string',
      description: '`cds<N>` or `cds<N>.<suffix>` for a Core Data Set statement; otherwise a name (funnel)',
    },
    cds: { type: 'array', items: { type: 'integer' }, description: 'The Appendix Five statement numbers it answers' },
    question: { type: 'string', enum: ['how_much', 'how_well', 'better_off'] },
    table2: { type: 'boolean', description: 'In the Core Standards’ Table 2 (shown first)' },
    value: {
      type: 'object',
      description:
        'By `kind`: count {count}; share {numerator, denominator, percent}; duration {n, median, p90, unit: days}; breakdown {total, additive, rows}; funnel {stages}; change; scale; money; carbon; not_available {reasonKey}',
      properties: { kind: { type: 'string' }, rows: codeCounts, stages: codeCounts },
      required: ['kind'],
      additionalProperties: true,
    },
  },
  required: ['id', 'cds', 'question', 'table2', 'value'],
} as const

const equityRow = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    referrals: num,
    engaged: num,
    completed: num,
    paired: num,
    improved: num,
    population: { type: ['integer', 'null'] },
    ratePer1000: { type: ['number', 'null'] },
  },
  required: ['code', 'referrals', 'engaged', 'completed', 'paired', 'improved', 'population', 'ratePer1000'],
} as const

/** A report result (contract.ts `ReportResult`) as the API answers it; the workforce dataset answers in the same shape. */
export const reportSchema = {
  type: 'object',
  properties: {
    filter: {
      type: 'object',
      properties: {
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        where: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
      required: ['from', 'to', 'where'],
    },
    audience: {
      type: 'string',
      enum: ['organisation', 'aggregate'],
      description: 'aggregate: small numbers suppressed',
    },
    refreshedAt: { type: 'string', format: 'date-time' },
    measures: { type: 'array', items: measureSchema },
    equity: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          dimension: { type: 'string', enum: [...dimensions] },
          rows: { type: 'array', items: equityRow },
          total: equityRow,
        },
        required: ['dimension', 'rows', 'total'],
      },
    },
  },
  required: ['filter', 'audience', 'refreshedAt', 'measures', 'equity'],
} as const

const dimensionParams = Object.fromEntries(
  dimensions.map((d) => [d, { type: 'string', description: `Only ${d.replace('_', ' ')} codes, comma-separated` }]),
)

/**
 * The JSON of each kept report, made once: a kept report is frozen (engine/cache.ts), so its JSON cannot change while
 * the cache holds it, and as a Buffer its compressed forms are kept too (platform/http/compression.ts). At national
 * size the all-Wales report is about 245 kB of JSON.
 */
const bodies = new WeakMap<ReportResult, Buffer>()

/** `GET /api/v1/reports/rba` (issue 7 §2): the report as JSON. */
export async function reportApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  app.get(
    '/api/v1/reports/rba',
    {
      config: { action: 'reports.view' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'The Results Based Accountability report (how much, how well, better off) and equity tables for a period',
        description:
          'Measures are in the period by the date docs/reports-engine.md gives for each. 400 `invalid_report_query` (a missing or invalid date, `from` after `to`, an unknown code); 403 when a filter asks for what the caller may not see. Counts are suppressed for aggregate audiences.',
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
            ...dimensionParams,
          },
          required: ['from', 'to'],
        },
        response: { 200: reportSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = request.user
      if (!actor) throw forbidden()
      const query = (request.query ?? {}) as Record<string, unknown>
      const bad = periodErrors(query)
      const parsed =
        bad.length > 0
          ? ({ ok: false, status: 400, errors: bad } as const)
          : await parseReportQuery(db, actor, query, { audit: auditContext(request) })
      if (!parsed.ok)
        return sendProblem(
          request,
          reply,
          parsed.status,
          parsed.status === 400 ? 'invalid_report_query' : 'forbidden',
          request.t('reports.api.invalidQuery'),
          {
            errors: parsed.errors.map((e) => ({ field: e.field, message: request.t(e.key) })),
          },
        )
      // Refreshed first in batches of their own, so the read below holds its transaction only as long as it reads.
      await refreshReportFacts(db)
      const report = await db.transaction().execute(async (trx) => {
        // Read on this transaction and a second lane beside it (ADR 0016): the refresh above is committed, so both see it.
        const report = await buildReport(trx, parsed.filter, parsed.audience, reportCacheOf(db), {
          readers: readersOf(db),
        })
        await audit(trx, auditContext(request), {
          action: 'report.view',
          recordType: 'report',
          detail: {
            report: 'rba',
            from: parsed.filter.from,
            to: parsed.filter.to,
            where: parsed.filter.where,
            audience: parsed.audience,
          },
        })
        return report
      })
      // The route's own serializer (its response schema), as Fastify would use for the object.
      let body = bodies.get(report)
      if (!body) {
        const json = reply.serialize(report)
        body = typeof json === 'string' ? Buffer.from(json) : Buffer.from(json as ArrayBuffer)
        if (Object.isFrozen(report)) bodies.set(report, body)
      }
      return reply.type('application/json; charset=utf-8').send(body)
    },
  )
}
