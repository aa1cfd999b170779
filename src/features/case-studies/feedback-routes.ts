import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { type FieldError, organisationName, summaryErrors } from '../admin/fields.js'
import { todayInWales } from '../what-matters/dates.js'
import { loadFeedback } from './access.js'
import { type FeedbackRow, insertFeedback, listFeedback, updateFeedback } from './feedback-repository.js'
import { OWNER_LIMIT, SAID_LIMIT, validateFeedback } from './feedback-rules.js'
import { parseFeedbackFilters } from './filters.js'
import { feedbackSources, feedbackStatuses } from './schema.js'

const views = 'features/case-studies/views'
const body = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}
const choices = { sources: feedbackSources, feedbackStatuses, saidLimit: SAID_LIMIT, ownerLimit: OWNER_LIMIT }

const day = (iso: string | null) => {
  if (!iso) return { day: '', month: '', year: '' }
  const [year = '', month = '', d = ''] = iso.split('-')
  return { day: String(Number(d)), month: String(Number(month)), year }
}
const formValues = (row: FeedbackRow) => ({
  receivedOn: day(row.received_on),
  source: row.source,
  said: row.said,
  action: row.action ?? '',
  owner: row.owner ?? '',
  status: row.status,
  notPossibleReason: row.not_possible_reason ?? '',
  doneOn: day(row.done_on),
})

/** The 'you said, we did' log (CS App. Two, "Sustaining engagement"): the list, adding and updating, the printable summary. */
export async function feedbackRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { row?: FeedbackRow; values: object; errors: FieldError[] },
    status = 200,
  ) {
    return reply.code(status).view(`${views}/feedback-form.njk`, {
      title: request.t(state.row ? 'caseStudies.feedback.form.editTitle' : 'caseStudies.feedback.form.newTitle'),
      row: state.row ?? null,
      ...choices,
      values: state.values,
      errors: summaryErrors(request.t, state.errors),
    })
  }

  app.get('/you-said-we-did', { config: { action: 'feedback_log.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const { filters, values, errors } = parseFeedbackFilters(request.query as Record<string, unknown>)
    const rows = errors.length > 0 ? [] : await listFeedback(db, user.organisationId, filters)
    const query = request.query as Record<string, unknown>
    const notice = (['added', 'updated'] as const).find((n) => query[n] === '1')
    return reply.code(errors.length > 0 ? 400 : 200).view(`${views}/feedback-list.njk`, {
      title: request.t('caseStudies.feedback.list.title'),
      rows,
      ...choices,
      values,
      filtered: Object.keys(filters).length > 0,
      errors: summaryErrors(request.t, errors),
      notice: notice ? request.t(`caseStudies.feedback.notices.${notice}`) : null,
    })
  })

  app.get('/you-said-we-did/new', { config: { action: 'feedback_log.manage' } }, (request, reply) =>
    renderForm(request, reply, { values: {}, errors: [] }),
  )

  app.post('/you-said-we-did', { config: { action: 'feedback_log.manage' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const now = new Date()
    const { value, values, errors } = validateFeedback(body(request), todayInWales(now))
    if (errors.length > 0) return renderForm(request, reply, { values, errors }, 400)
    await db.transaction().execute(async (trx) => {
      const id = await insertFeedback(trx, user.organisationId, value, user.userId, now)
      await audit(trx, auditContext(request), {
        action: 'feedback_log.create',
        recordType: 'feedback_log',
        recordId: id,
        detail: { source: value.source, status: value.status },
      })
    })
    return reply.redirect('/you-said-we-did?added=1', 303)
  })

  /** The summary to print and put up, or send round: done items only, with what was said and what changed. */
  app.get('/you-said-we-did/print', { config: { action: 'feedback_log.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const rows = await listFeedback(db, user.organisationId, { status: 'done' })
    const organisation = await db
      .selectFrom('organisations as o')
      .select(['o.name', 'o.name_cy'])
      .where('o.id', '=', user.organisationId)
      .executeTakeFirstOrThrow()
    return reply.view(`${views}/feedback-print.njk`, {
      title: request.t('caseStudies.feedback.print.title'),
      organisation: organisationName(organisation, request.lang),
      rows: [...rows].sort((x, y) => (y.done_on ?? '').localeCompare(x.done_on ?? '')),
    })
  })

  app.get('/you-said-we-did/:id/edit', { config: { action: 'feedback_log.manage' } }, async (request, reply) => {
    const row = await loadFeedback(app, request, 'feedback_log.manage')
    return renderForm(request, reply, { row, values: formValues(row), errors: [] })
  })

  app.post('/you-said-we-did/:id', { config: { action: 'feedback_log.manage' } }, async (request, reply) => {
    const row = await loadFeedback(app, request, 'feedback_log.manage')
    const now = new Date()
    const { value, values, errors } = validateFeedback(body(request), todayInWales(now))
    if (errors.length > 0) return renderForm(request, reply, { row, values, errors }, 400)
    await db.transaction().execute(async (trx) => {
      await updateFeedback(trx, row.id, value, now)
      await audit(trx, auditContext(request), {
        action: 'feedback_log.update',
        recordType: 'feedback_log',
        recordId: row.id,
        organisationId: row.organisation_id,
        detail: { status: value.status },
      })
    })
    return reply.redirect('/you-said-we-did?updated=1', 303)
  })
}
