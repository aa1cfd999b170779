import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { themes } from '../directory/matching/themes.js'
import { loadCaseStudy } from './access.js'
import { caseStudyApi } from './api.js'
import { feedbackRoutes } from './feedback-routes.js'
import { parseListFilters } from './filters.js'
import {
  checkCaseStudy,
  consentToCaseStudy,
  createCaseStudy,
  editCaseStudy,
  type Result,
  signOffCaseStudy,
  withdrawCaseStudyConsent,
} from './record.js'
import {
  type CaseStudyRow,
  caseStudyDetail,
  listCaseStudies,
  peopleToLink,
  servicesToLink,
  tagsInUse,
} from './repository.js'
import { sharingRefusals, signOffRefusal, STORY_LIMIT } from './rules.js'
import { checklistItems, consentMethods, consentScopes, caseStudyStatuses, perspectives } from './schema.js'
import { warningsFor } from './present.js'

const views = 'features/case-studies/views'
const printCss = readFileSync(new URL('./views/print.css', import.meta.url), 'utf8')
const body = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}

export const choices = {
  perspectives,
  statuses: caseStudyStatuses,
  consentMethods,
  consentScopes,
  checklistItems,
  themes,
  storyLimit: STORY_LIMIT,
}

const formValues = (row: CaseStudyRow, serviceIds: string[]) => {
  const day = (iso: string | null) => {
    if (!iso) return { day: '', month: '', year: '' }
    const [year = '', month = '', d = ''] = iso.split('-')
    return { day: String(Number(d)), month: String(Number(month)), year }
  }
  return {
    title: row.title,
    perspective: row.perspective,
    whatMattered: row.what_mattered,
    support: row.support,
    whatChanged: row.what_changed,
    personId: row.person_id ?? '',
    periodFrom: day(row.period_from),
    periodTo: day(row.period_to),
    tags: row.tags.join(', '),
    themes: row.themes,
    serviceIds,
  }
}

/** Case study pages (issue 6 §6; CS §117–118): the list, writing and editing, the check, consent and printing. */
export async function caseStudyRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { row?: CaseStudyRow; values: Record<string, unknown>; errors: FieldError[] },
    status = 200,
  ) {
    const user = request.user
    if (!user) throw forbidden()
    const personId = typeof state.values.personId === 'string' && state.values.personId ? state.values.personId : null
    const serviceIds = Array.isArray(state.values.serviceIds) ? (state.values.serviceIds as string[]) : []
    // The form lists people by name: a read of personal data, audited.
    const { people, services } = await db.transaction().execute(async (trx) => {
      const people = await peopleToLink(trx, user.organisationId, user.userId, personId)
      // Only a person of the organisation (a URL could name anyone): their connections' services are offered.
      const linked = personId && people.some((p) => p.id === personId) ? personId : null
      const found = { people, services: await servicesToLink(trx, linked, serviceIds) }
      await audit(trx, auditContext(request), {
        action: 'case_study.form',
        recordType: 'case_study',
        ...(state.row ? { recordId: state.row.id } : {}),
        detail: { people: found.people.length },
      })
      return found
    })
    return reply.code(status).view(`${views}/form.njk`, {
      title: request.t(state.row ? 'caseStudies.form.editTitle' : 'caseStudies.form.newTitle'),
      row: state.row ?? null,
      resetsCheck: state.row ? state.row.status === 'awaiting_check' || state.row.status === 'approved' : false,
      people,
      services,
      ...choices,
      values: state.values,
      errors: summaryErrors(request.t, state.errors),
    })
  }

  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    row: CaseStudyRow,
    state: { values?: Record<string, unknown>; errors?: FieldError[]; form?: string } = {},
    status = 200,
  ) {
    const detail = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), {
        action: 'case_study.view',
        recordType: 'case_study',
        recordId: row.id,
        organisationId: row.organisation_id,
        detail: { personId: row.person_id },
      })
      return caseStudyDetail(trx, row.id)
    })
    const user = request.user
    const query = request.query as Record<string, unknown>
    const notices = ['created', 'updated', 'reset', 'checked', 'approved', 'consented', 'withdrawn'] as const
    const notice = (state.errors ?? []).length === 0 ? notices.find((n) => query[n] === '1') : undefined
    const mayApprove =
      !!user &&
      can(user, 'case_studies.approve', { organisationId: row.organisation_id }) &&
      !signOffRefusal(row, user.userId)
    return reply.code(status).view(`${views}/case-study.njk`, {
      title: row.title,
      row,
      ...detail,
      ...choices,
      warnings: warningsFor(row),
      sharing: sharingRefusals(row),
      mayApprove,
      isAuthor: user?.userId === row.author_id,
      form: state.form ?? null,
      values: state.values ?? {},
      errors: summaryErrors(request.t, state.errors ?? []),
      notice: notice ? request.t(`caseStudies.notices.${notice}`) : null,
    })
  }

  /** After a change: back to the case study with its notice, or the same page again with the reason. */
  async function afterChange(
    request: FastifyRequest,
    reply: FastifyReply,
    row: CaseStudyRow,
    result: Result,
    notice: string,
    form: string,
  ) {
    if (result.ok) return reply.redirect(`/case-studies/${row.id}?${result.reset ? 'reset' : notice}=1`, 303)
    return renderCase(
      request,
      reply,
      row,
      { values: result.values as Record<string, unknown>, errors: result.errors, form },
      result.status,
    )
  }

  app.get('/assets/case-study-print.css', { config: { action: 'public' } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printCss),
  )

  app.get('/case-studies', { config: { action: 'case_studies.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const { filters, values, errors } = parseListFilters(request.query as Record<string, unknown>)
    const { rows, tags } = await db.transaction().execute(async (trx) => {
      const found = errors.length > 0 ? [] : await listCaseStudies(trx, user.organisationId, filters)
      await audit(trx, auditContext(request), {
        action: 'case_study.list',
        recordType: 'case_study',
        detail: { count: found.length, ...filters },
      })
      return { rows: found, tags: await tagsInUse(trx, user.organisationId) }
    })
    return reply.code(errors.length > 0 ? 400 : 200).view(`${views}/list.njk`, {
      title: request.t('caseStudies.list.title'),
      rows,
      tags,
      ...choices,
      values,
      filtered: Object.keys(filters).length > 0,
      errors: summaryErrors(request.t, errors),
    })
  })

  app.get('/case-studies/new', { config: { action: 'case_studies.manage' } }, async (request, reply) => {
    const person = (request.query as Record<string, unknown>).person
    return renderForm(request, reply, { values: { personId: typeof person === 'string' ? person : '' }, errors: [] })
  })

  app.post('/case-studies', { config: { action: 'case_studies.manage' } }, async (request, reply) => {
    const result = await createCaseStudy(app, request, body(request))
    if (!result.ok)
      return renderForm(
        request,
        reply,
        { values: result.values as Record<string, unknown>, errors: result.errors },
        400,
      )
    return reply.redirect(`/case-studies/${result.id}?created=1`, 303)
  })

  app.get('/case-studies/:id', { config: { action: 'case_studies.view' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.view')
    return renderCase(request, reply, row)
  })

  app.get('/case-studies/:id/edit', { config: { action: 'case_studies.manage' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.manage')
    if (row.status === 'withdrawn') return reply.redirect(`/case-studies/${row.id}`, 303)
    const { services } = await caseStudyDetail(db, row.id)
    return renderForm(request, reply, {
      row,
      values: formValues(
        row,
        services.map((s) => s.id),
      ),
      errors: [],
    })
  })

  app.post('/case-studies/:id', { config: { action: 'case_studies.manage' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.manage')
    const result = await editCaseStudy(app, request, row, body(request))
    if (!result.ok && result.status === 400)
      return renderForm(
        request,
        reply,
        { row, values: result.values as Record<string, unknown>, errors: result.errors },
        400,
      )
    return afterChange(request, reply, row, result, 'updated', 'edit')
  })

  app.post('/case-studies/:id/check', { config: { action: 'case_studies.manage' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.manage')
    return afterChange(request, reply, row, await checkCaseStudy(app, request, row, body(request)), 'checked', 'check')
  })

  app.post('/case-studies/:id/approve', { config: { action: 'case_studies.approve' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.approve')
    return afterChange(request, reply, row, await signOffCaseStudy(app, request, row), 'approved', 'approve')
  })

  app.post('/case-studies/:id/consent', { config: { action: 'case_studies.manage' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.manage')
    return afterChange(
      request,
      reply,
      row,
      await consentToCaseStudy(app, request, row, body(request)),
      'consented',
      'consent',
    )
  })

  app.post(
    '/case-studies/:id/consent/withdraw',
    { config: { action: 'case_studies.manage' } },
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.manage')
      return afterChange(
        request,
        reply,
        row,
        await withdrawCaseStudyConsent(app, request, row),
        'withdrawn',
        'withdraw',
      )
    },
  )

  /**
   * The printable case study for sharing beyond the organisation: only approved, consented (not withdrawn) stories
   * with a scope beyond the organisation. Anything else gets the page with the reasons, and status 409.
   */
  app.get('/case-studies/:id/print', { config: { action: 'case_studies.view' } }, async (request, reply) => {
    const row = await loadCaseStudy(app, request, 'case_studies.view')
    const reasons = sharingRefusals(row)
    if (reasons.length > 0) {
      await audit(db, auditContext(request), {
        action: 'case_study.print',
        recordType: 'case_study',
        recordId: row.id,
        organisationId: row.organisation_id,
        outcome: 'refused',
        detail: { reasons: reasons.map((r) => r.split('.').pop()) },
      })
      return renderCase(
        request,
        reply,
        row,
        { errors: reasons.map((key) => ({ field: 'sharing', key })), form: 'print' },
        409,
      )
    }
    const { services } = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), {
        action: 'case_study.print',
        recordType: 'case_study',
        recordId: row.id,
        organisationId: row.organisation_id,
        detail: { scope: row.consent_scope },
      })
      return caseStudyDetail(trx, row.id)
    })
    return reply.view(`${views}/print.njk`, { title: row.title, row, services, themes })
  })

  await feedbackRoutes(app)
  await caseStudyApi(app)
}
