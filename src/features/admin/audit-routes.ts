import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { filterNames, outcomes, parseAuditFilters } from './audit-filters.js'
import { searchAudit } from './audit-queries.js'
import { organisationName, summaryErrors } from './fields.js'
import { listHref, pagination, parsePage } from './paging.js'

const view = 'features/admin/views/audit.njk'

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/admin/audit', { config: { action: 'admin.audit.search' } }, async (request, reply) => {
    const t = request.t
    const query = request.query as Record<string, unknown>
    const { filters, values, errors } = parseAuditFilters(query)
    const page = parsePage(query.page)
    const context = { title: t('admin.audit.title'), values, outcomes }
    if (errors.length > 0) return reply.code(400).view(view, { ...context, errors: summaryErrors(t, errors), events: [], total: null, pagination: null })

    // The trail holds who did what: searching it is itself recorded, with the filters used but not their values.
    const { rows, total } = await db.transaction().execute(async (trx) => {
      const found = await searchAudit(trx, filters, page)
      await audit(trx, auditContext(request), { action: 'audit.search', recordType: 'audit_event', detail: { filters: filterNames(filters), page, count: found.rows.length } })
      return found
    })
    const href = (n: number) => listHref('/admin/audit', values, n)
    return reply.view(view, {
      ...context,
      errors: [],
      total,
      events: rows.map((row) => ({
        ...row,
        organisationName: row.organisation_name === null ? null : organisationName({ name: row.organisation_name, name_cy: row.organisation_name_cy }, request.lang),
      })),
      pagination: pagination(page, total, href, (n) => t('admin.paging.page', { number: n })),
    })
  })
}
