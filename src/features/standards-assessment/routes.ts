import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { type FieldError, summaryErrors, text } from '../admin/fields.js'
import { dayValues, parseDay, todayInWales } from '../what-matters/dates.js'
import { standardsAssessmentApi } from './api.js'
import { loadAssessment, ownOrganisation, saveAction, saveRatings, startAssessment } from './record.js'
import { readAssessment, readHistory } from './read.js'
import { type AssessmentRow, assessmentsOf, organisationUsers } from './repository.js'
import { fieldKey } from './rules.js'
import { ratings } from './schema.js'
import { statementIds } from './standards.js'
import { compare, sectionSummaries, statementsBySection } from './summary.js'

const views = 'features/standards-assessment/views'
const printCss = readFileSync(new URL('./views/print.css', import.meta.url), 'utf8')

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

/**
 * The page's radios and evidence boxes as the API's ratings list. A statement left unrated is left out, unless it
 * has evidence: then it is sent without a rating, so the page asks for one rather than losing the evidence.
 */
function ratingsFromForm(body: Record<string, unknown>) {
  return statementIds.flatMap((id) => {
    const rating = text(body[`rating-${fieldKey(id)}`])
    const evidence = text(body[`evidence-${fieldKey(id)}`])
    return rating || evidence.trim() ? [{ statementId: id, rating, evidence }] : []
  })
}

async function renderAssessment(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, assessment: AssessmentRow, state: { errors: FieldError[]; values?: Record<string, unknown>; actionValues?: Record<string, unknown>; saved?: string }, status = 200) {
  const { json, rows } = await readAssessment(app, request, assessment)
  const canManage = can(request.user, 'standards_assessment.manage', { organisationId: assessment.organisation_id })
  const values: Record<string, unknown> = state.values ?? Object.fromEntries(rows.current.flatMap((r) => [[`rating-${fieldKey(r.statement_id)}`, r.rating], [`evidence-${fieldKey(r.statement_id)}`, r.evidence ?? '']]))
  return reply.code(status).view(`${views}/assessment.njk`, {
    title: request.t('standardsAssessment.assessment.title'),
    assessment: json,
    editable: canManage && json.status === 'draft',
    canManage,
    sections: statementsBySection(rows.current, rows.actions, request.lang).map((s) => ({ ...s, statements: s.statements.map((st) => ({ ...st, key: fieldKey(st.id) })) })),
    summary: sectionSummaries(rows.current, rows.actions, request.lang),
    ratingValues: ratings,
    values,
    actionValues: state.actionValues ?? {},
    users: canManage ? await organisationUsers(app.deps.database.db, assessment.organisation_id) : [],
    statementIds,
    previous: rows.previous ? { id: rows.previous.id, assessedOn: rows.previous.assessed_on } : null,
    saved: state.saved,
    errors: summaryErrors(request.t, state.errors),
  })
}

function renderNew(request: FastifyRequest, reply: FastifyReply, hasPrevious: boolean, values: Record<string, unknown>, errors: FieldError[], status = 200) {
  return reply.code(status).view(`${views}/new.njk`, {
    title: request.t('standardsAssessment.new.title'),
    assessedOn: dayValues(values, 'assessedOn'),
    hasPrevious,
    values,
    errors: summaryErrors(request.t, errors),
  })
}

/** Issue 8 §6, §7: a provider's self-assessment against the Core Standards, its actions and history. */
export async function standardsAssessmentRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/assets/standards-print.css', { config: { action: 'public' } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printCss),
  )

  app.get('/standards-assessment', { config: { action: 'standards_assessment.view' } }, async (request, reply) => {
    const organisationId = ownOrganisation(request, 'standards_assessment.view')
    const history = await readHistory(app, organisationId)
    const latest = (await assessmentsOf(db, organisationId))[0]
    const detail = latest ? await readAssessment(app, request, latest) : null
    return reply.view(`${views}/index.njk`, {
      title: request.t('standardsAssessment.index.title'),
      history,
      latest: detail?.json ?? null,
      canManage: can(request.user, 'standards_assessment.manage', { organisationId }),
      openActions: detail ? detail.rows.actions.filter((a) => a.status === 'open').length : 0,
    })
  })

  app.get('/standards-assessment/new', { config: { action: 'standards_assessment.manage' } }, async (request, reply) => {
    const organisationId = ownOrganisation(request, 'standards_assessment.manage')
    const hasPrevious = (await assessmentsOf(db, organisationId)).length > 0
    return renderNew(request, reply, hasPrevious, { assessedOn: todayInWales(new Date()), fromLast: hasPrevious ? 'yes' : 'no' }, [])
  })

  app.post('/standards-assessment/new', { config: { action: 'standards_assessment.manage' } }, async (request, reply) => {
    const organisationId = ownOrganisation(request, 'standards_assessment.manage')
    const body = bodyOf(request)
    const day = parseDay(body, 'assessedOn')
    const hasPrevious = (await assessmentsOf(db, organisationId)).length > 0
    const errors: FieldError[] =
      'problem' in day ? [{ field: 'assessedOn', key: `standardsAssessment.errors.assessedOn${day.problem === 'missing' ? 'Missing' : 'Invalid'}`, href: '#assessedOn-day' }] : []
    const outcome = errors.length ? null : await startAssessment(app, request, { assessedOn: 'date' in day ? day.date : '', fromLast: hasPrevious ? text(body.fromLast) || 'no' : 'no' })
    if (!outcome || !outcome.ok) return renderNew(request, reply, hasPrevious, body, outcome && !outcome.ok ? outcome.errors.map((e) => ({ ...e, href: e.field === 'assessedOn' ? '#assessedOn-day' : undefined })) : errors, 400)
    return reply.redirect(`/standards-assessment/${outcome.value.id}`, 303)
  })

  app.get('/standards-assessment/:id', { config: { action: 'standards_assessment.view' } }, async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'forbidden')
    const saved = text((request.query as Record<string, unknown>).saved)
    return renderAssessment(app, request, reply, assessment, { errors: [], saved: saved || undefined })
  })

  app.post('/standards-assessment/:id', { config: { action: 'standards_assessment.manage' } }, async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'forbidden')
    const body = bodyOf(request)
    const outcome = await saveRatings(app, request, assessment, { ratings: ratingsFromForm(body), status: body.complete === 'yes' ? 'complete' : 'draft' })
    if (!outcome.ok) return renderAssessment(app, request, reply, assessment, { errors: outcome.errors, values: body }, outcome.status === 409 ? 409 : 400)
    return reply.redirect(`/standards-assessment/${assessment.id}?saved=${outcome.value.status === 'complete' ? 'completed' : 'ratings'}`, 303)
  })

  app.post('/standards-assessment/:id/actions', { config: { action: 'standards_assessment.manage' } }, async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'forbidden')
    const body = bodyOf(request)
    const day = parseDay(body, 'dueOn')
    const dueGiven = ['day', 'month', 'year'].some((p) => text(body[`dueOn-${p}`]).trim())
    const errors: FieldError[] = dueGiven && 'problem' in day ? [{ field: 'dueOn', key: 'standardsAssessment.errors.dueOnInvalid', href: '#dueOn-day' }] : []
    const outcome = errors.length
      ? null
      : await saveAction(app, request, assessment, { statementId: body.statementId, action: body.action, ownerUserId: body.ownerUserId, ownerName: body.ownerName, dueOn: dueGiven && 'date' in day ? day.date : null })
    if (!outcome || !outcome.ok) {
      const list = outcome && !outcome.ok ? outcome.errors.map((e) => (e.field === 'dueOn' ? { ...e, href: '#dueOn-day' } : e)) : errors
      return renderAssessment(app, request, reply, assessment, { errors: list, actionValues: body }, 400)
    }
    return reply.redirect(`/standards-assessment/${assessment.id}?saved=action#actions`, 303)
  })

  app.post('/standards-assessment/:id/actions/:actionId/done', { config: { action: 'standards_assessment.manage' } }, async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'forbidden')
    const actionId = (request.params as { actionId: string }).actionId
    const outcome = await saveAction(app, request, assessment, { status: 'done', doneOn: todayInWales(new Date()) }, actionId)
    if (!outcome.ok) return renderAssessment(app, request, reply, assessment, { errors: outcome.errors }, 400)
    return reply.redirect(`/standards-assessment/${assessment.id}?saved=done#actions`, 303)
  })

  app.get('/standards-assessment/:id/print', { config: { action: 'standards_assessment.view' } }, async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'forbidden')
    const { json, rows } = await readAssessment(app, request, assessment)
    return reply.view(`${views}/print.njk`, {
      title: request.t('standardsAssessment.print.title'),
      assessment: json,
      summary: sectionSummaries(rows.current, rows.actions, request.lang),
      sections: statementsBySection(rows.current, rows.actions, request.lang),
      organisationName: request.user?.organisationName,
    })
  })

  app.get('/standards-assessment/:id/compare', { config: { action: 'standards_assessment.view' } }, async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'forbidden')
    const { json, rows } = await readAssessment(app, request, assessment)
    return reply.view(`${views}/compare.njk`, {
      title: request.t('standardsAssessment.compare.title'),
      assessment: json,
      previous: rows.previous ? { id: rows.previous.id, assessedOn: rows.previous.assessed_on } : null,
      sections: rows.previous ? compare(rows.previousRatings, rows.current, request.lang) : [],
    })
  })

  await standardsAssessmentApi(app)
}
