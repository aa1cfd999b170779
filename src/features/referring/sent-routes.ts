import type { FastifyInstance } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { pagination, parsePage } from '../admin/paging.js'
import { canFollowSent } from './outcome.js'
import { findReferralSummary, listReferrals, PAGE_SIZE, sentFeedback } from './queries.js'
import { senderView } from './sent-view.js'

const views = {
  list: 'features/referring/views/sent.njk',
  one: 'features/referring/views/sent-referral.njk',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The referrer's pages: the referrals their organisation sent, and each one's progress. */
export async function sentRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/referrals/sent', { config: { action: 'referrals.view' } }, async (request, reply) => {
    const user = request.user
    const page = parsePage((request.query as Record<string, unknown>).page)
    const { rows, total } =
      user && canFollowSent(user)
        ? await db.transaction().execute(async (trx) => {
            const found = await listReferrals(trx, { side: 'sent', organisationId: user.organisationId, page })
            await audit(trx, auditContext(request), {
              action: 'referral.list',
              recordType: 'referral',
              detail: { side: 'sent', page, count: found.rows.length },
            })
            return found
          })
        : { rows: [], total: 0 }
    const t = request.t
    return reply.view(views.list, {
      title: t('referring.sent.title'),
      organisation: user?.organisationName ?? '',
      referrals: rows.map((row) => senderView(row, t, request.lang)),
      total,
      from: (page - 1) * PAGE_SIZE + 1,
      to: (page - 1) * PAGE_SIZE + rows.length,
      pagination: pagination(
        page,
        total,
        (n) => (n > 1 ? `/referrals/sent?page=${n}` : '/referrals/sent'),
        (n) => t('referring.sent.page', { number: n }),
        PAGE_SIZE,
      ),
    })
  })

  app.get('/referrals/sent/:id', { config: { action: 'referrals.view' } }, async (request, reply) => {
    const id = (request.params as { id: string }).id
    const row = !UUID.test(id)
      ? undefined
      : await db.transaction().execute(async (trx) => {
          const found = await findReferralSummary(trx, id)
          if (!found) return undefined
          const event = {
            action: 'referral.view',
            recordType: 'referral',
            recordId: id,
            organisationId: found.organisation_id,
          }
          // The sender's page, for the organisation that sent it only; anyone else is told it does not exist,
          // and the attempt is audited (the provider's caseworkers follow referrals through triage).
          if (
            !can(request.user, 'referrals.view', {
              organisationId: null,
              referrerOrganisationId: found.referrer_organisation_id,
            })
          ) {
            await audit(trx, auditContext(request), { ...event, outcome: 'refused' })
            return undefined
          }
          await audit(trx, auditContext(request), { ...event, detail: { view: 'sender' } })
          return { ...found, feedback: await sentFeedback(trx, id) }
        })
    if (!row) throw notFound()
    const referral = senderView(row, request.t, request.lang)
    // CF 3.1: the outcome and summary sent at closing, only while the person's consent to share is in force.
    const feedback = row.feedback && row.share_consent === true ? row.feedback : null
    return reply.view(views.one, {
      title: request.t('referring.referral.title', { reference: referral.reference }),
      referral,
      feedback: feedback
        ? {
            reason: feedback.closing_reason ? request.t(`episodes.reasons.${feedback.closing_reason}`) : '',
            summary: feedback.closing_summary ?? '',
            sentAt: feedback.feedback_sent_at,
          }
        : null,
    })
  })
}
