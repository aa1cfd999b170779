import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { listHref, pagination, parsePage } from '../admin/paging.js'
import { ageOn } from '../people/person-rules.js'
import { daysWaiting, listQueue, parseStatus, QUEUE_PAGE_SIZE, queueStatuses } from './queue.js'

export async function queueRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** The provider's triage queue: its own organisation's referrals only. */
  app.get('/triage', { config: { action: 'referrals.triage' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const query = request.query as Record<string, unknown>
    const status = parseStatus(query.status)
    const page = parsePage(query.page)
    const { rows, total } = await db.transaction().execute(async (trx) => {
      const found = await listQueue(trx, user.organisationId, status, page)
      await audit(trx, auditContext(request), { action: 'referral.list', recordType: 'referral', detail: { status, page, count: found.rows.length } })
      return found
    })
    const now = new Date()
    const href = (n: number) => listHref('/triage', { status: status === 'received' ? undefined : status }, n)
    return reply.view('features/triage/views/queue.njk', {
      title: request.t('triage.queue.title'),
      status,
      statuses: queueStatuses,
      total,
      referrals: rows.map((row) => ({ ...row, age: ageOn(row.date_of_birth, now), waiting: daysWaiting(row.received_at, row.first_contact_at, now) })),
      pagination: pagination(page, total, href, (n) => request.t('triage.queue.page', { number: n }), QUEUE_PAGE_SIZE),
    })
  })
}
