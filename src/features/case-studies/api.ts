import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Action } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { themeCodes } from '../directory/matching/themes.js'
import { loadCaseStudy } from './access.js'
import { feedbackApi } from './feedback-api.js'
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
import { type CaseStudyRow, caseStudyDetail, findCaseStudy, listCaseStudies } from './repository.js'
import { warningsFor } from './present.js'
import { MAX_TAGS, sharingRefusals, STORY_LIMIT, TAG_LIMIT, TITLE_LIMIT } from './rules.js'
import { caseStudyStatuses, checklistItems, consentMethods, consentScopes, perspectives } from './schema.js'

const tags = ['Case studies']
const uuid = { type: 'string', format: 'uuid' } as const
const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: ['string', 'null'], format: 'date' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const invalid = { 409: problemSchema, 422: problemSchema } as const

const storyBody = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, maxLength: TITLE_LIMIT },
    perspective: { type: 'string', enum: [...perspectives], description: 'CS §118' },
    whatMattered: { type: 'string', minLength: 1, maxLength: STORY_LIMIT },
    support: { type: 'string', minLength: 1, maxLength: STORY_LIMIT },
    whatChanged: { type: 'string', minLength: 1, maxLength: STORY_LIMIT },
    personId: { ...uuid, description: 'A person of your organisation; never leaves it' },
    periodFrom: date,
    periodTo: { ...date, description: 'Not before periodFrom' },
    tags: { type: 'array', maxItems: MAX_TAGS, items: { type: 'string', maxLength: TAG_LIMIT } },
    themes: { type: 'array', items: { type: 'string', enum: [...themeCodes] } },
    serviceIds: { type: 'array', items: { type: 'string' }, description: 'Directory service ids' },
  },
  required: ['title', 'perspective', 'whatMattered', 'support', 'whatChanged'],
} as const

const summarySchema = {
  type: 'object',
  properties: {
    id: uuid,
    title: { type: 'string' },
    perspective: { type: 'string', enum: [...perspectives] },
    status: { type: 'string', enum: [...caseStudyStatuses] },
    tags: { type: 'array', items: { type: 'string' } },
    themes: { type: 'array', items: { type: 'string' } },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'title', 'perspective', 'status', 'tags', 'themes'],
} as const

const caseStudySchema = {
  type: 'object',
  properties: {
    ...summarySchema.properties,
    whatMattered: { type: 'string' },
    support: { type: 'string' },
    whatChanged: { type: 'string' },
    personId: { type: ['string', 'null'], format: 'uuid' },
    periodFrom: nullableDate,
    periodTo: nullableDate,
    serviceIds: { type: 'array', items: { type: 'string' } },
    authorId: uuid,
    consent: {
      type: ['object', 'null'],
      properties: {
        givenOn: date,
        method: { type: 'string', enum: [...consentMethods] },
        scope: { type: 'string', enum: [...consentScopes] },
        withdrawnOn: nullableDate,
      },
    },
    check: {
      type: 'object',
      properties: {
        checklist: { type: 'array', items: { type: 'string', enum: [...checklistItems] } },
        completedAt: { type: ['string', 'null'], format: 'date-time' },
        approvedBy: { type: ['string', 'null'], format: 'uuid' },
        approvedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    warnings: {
      type: 'array',
      description: 'The automatic screen: names, postcode, NHS number or dates found in the text',
      items: { type: 'object', properties: { kind: { type: 'string' }, found: { type: 'string' } } },
    },
    sharing: {
      type: 'object',
      properties: {
        allowed: { type: 'boolean' },
        reasons: { type: 'array', items: { type: 'string' }, description: 'Why not, in the language asked for' },
      },
    },
  },
  required: [
    'id',
    'title',
    'perspective',
    'status',
    'whatMattered',
    'support',
    'whatChanged',
    'consent',
    'check',
    'sharing',
  ],
} as const

async function caseStudyJson(request: FastifyRequest, db: Parameters<typeof caseStudyDetail>[0], row: CaseStudyRow) {
  const { services } = await caseStudyDetail(db, row.id)
  const reasons = sharingRefusals(row)
  return {
    id: row.id,
    title: row.title,
    perspective: row.perspective,
    status: row.status,
    tags: row.tags,
    themes: row.themes,
    updatedAt: row.updated_at.toISOString(),
    whatMattered: row.what_mattered,
    support: row.support,
    whatChanged: row.what_changed,
    personId: row.person_id,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    serviceIds: services.map((s) => s.id),
    authorId: row.author_id,
    consent:
      row.consent_given_on && row.consent_method && row.consent_scope
        ? {
            givenOn: row.consent_given_on,
            method: row.consent_method,
            scope: row.consent_scope,
            withdrawnOn: row.consent_withdrawn_on,
          }
        : null,
    check: {
      checklist: row.checklist,
      completedAt: row.check_completed_at?.toISOString() ?? null,
      approvedBy: row.approved_by,
      approvedAt: row.approved_at?.toISOString() ?? null,
    },
    warnings: warningsFor(row),
    sharing: { allowed: reasons.length === 0, reasons: reasons.map((key) => request.t(key)) },
  }
}

const objectBody = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** Case studies as JSON (issue 6 §6): the same rules, refusals and audit as the pages. */
export async function caseStudyApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** The case study after a change, or the refusal: 422 with the fields for bad input, 403/409 with a code otherwise. */
  async function answer(request: FastifyRequest, reply: FastifyReply, result: Result, status = 200) {
    if (!result.ok) {
      const code = result.status === 400 ? 'validation_failed' : result.code
      const first = result.errors[0]
      const detail =
        result.status === 400 || !first ? request.t('caseStudies.api.invalid') : request.t(first.key, first.params)
      return sendProblem(request, reply, result.status === 400 ? 422 : result.status, code, detail, {
        errors: apiErrors(request.t, result.errors),
      })
    }
    const json = await db.transaction().execute(async (trx) => {
      const row = (await findCaseStudy(trx, result.id)) as CaseStudyRow
      return caseStudyJson(request, trx, row)
    })
    if (status === 201) reply.header('location', `/api/v1/case-studies/${json.id}`)
    return reply.code(status).send(json)
  }

  const one = (summary: string, action: Action, description?: string, body?: object) => ({
    config: { action },
    ...documentOnly,
    schema: {
      tags,
      summary,
      ...(description ? { description } : {}),
      params: idParams,
      ...(body ? { body } : {}),
      response: { 200: caseStudySchema, ...invalid, ...problems },
    },
  })

  app.get(
    '/api/v1/case-studies',
    {
      config: { action: 'case_studies.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Your organisation’s case studies, most recently changed first',
        querystring: {
          type: 'object',
          properties: {
            perspective: { type: 'string', enum: [...perspectives] },
            tag: { type: 'string', description: 'A free tag or a What Matters theme code' },
            status: { type: 'string', enum: [...caseStudyStatuses] },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { caseStudies: { type: 'array', items: summarySchema } },
            required: ['caseStudies'],
          },
          ...invalid,
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw forbidden()
      const { filters, errors } = parseListFilters(request.query as Record<string, unknown>)
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('caseStudies.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      const rows = await db.transaction().execute(async (trx) => {
        const found = await listCaseStudies(trx, user.organisationId, filters)
        await audit(trx, auditContext(request), {
          action: 'case_study.list',
          recordType: 'case_study',
          detail: { count: found.length, ...filters },
        })
        return found
      })
      return {
        caseStudies: rows.map((r) => ({
          id: r.id,
          title: r.title,
          perspective: r.perspective,
          status: r.status,
          tags: r.tags,
          themes: r.themes,
          updatedAt: r.updated_at.toISOString(),
        })),
      }
    },
  )

  app.post(
    '/api/v1/case-studies',
    {
      config: { action: 'case_studies.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Write a case study (a draft)',
        description: 'Bad input gets 422 `validation_failed` with `errors` naming each field; nothing is written.',
        body: storyBody,
        response: { 201: caseStudySchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => answer(request, reply, await createCaseStudy(app, request, objectBody(request)), 201),
  )

  app.get(
    '/api/v1/case-studies/:id',
    one('One case study, with its consent, check, screen warnings and whether it may be shared', 'case_studies.view'),
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.view')
      const json = await db.transaction().execute(async (trx) => {
        await audit(trx, auditContext(request), {
          action: 'case_study.view',
          recordType: 'case_study',
          recordId: row.id,
          organisationId: row.organisation_id,
          detail: { personId: row.person_id },
        })
        return caseStudyJson(request, trx, row)
      })
      return reply.send(json)
    },
  )

  app.put(
    '/api/v1/case-studies/:id',
    one(
      'Replace the story',
      'case_studies.manage',
      'A change to a story that was checked or signed off sends it back to draft (the check no longer holds). 409 `withdrawn` once consent was withdrawn.',
      storyBody,
    ),
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.manage')
      return answer(request, reply, await editCaseStudy(app, request, row, objectBody(request)))
    },
  )

  app.post(
    '/api/v1/case-studies/:id/check',
    one(
      'Complete the anonymisation checklist (draft → awaiting check)',
      'case_studies.manage',
      'Every item must be ticked.',
      {
        type: 'object',
        properties: { checklist: { type: 'array', items: { type: 'string', enum: [...checklistItems] } } },
        required: ['checklist'],
      },
    ),
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.manage')
      return answer(request, reply, await checkCaseStudy(app, request, row, objectBody(request)))
    },
  )

  app.post(
    '/api/v1/case-studies/:id/approve',
    one(
      'Sign off the anonymisation check (team leads)',
      'case_studies.approve',
      '403 `own_case_study` for the story’s author; 409 `not_awaiting_check` unless the checklist was completed.',
    ),
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.approve')
      return answer(request, reply, await signOffCaseStudy(app, request, row))
    },
  )

  app.put(
    '/api/v1/case-studies/:id/consent',
    one('Record the person’s consent to use', 'case_studies.manage', undefined, {
      type: 'object',
      properties: {
        consentGivenOn: { ...date, description: 'Not in the future' },
        consentMethod: { type: 'string', enum: [...consentMethods] },
        consentScope: { type: 'string', enum: [...consentScopes] },
      },
      required: ['consentGivenOn', 'consentMethod', 'consentScope'],
    }),
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.manage')
      return answer(request, reply, await consentToCaseStudy(app, request, row, objectBody(request)))
    },
  )

  app.post(
    '/api/v1/case-studies/:id/consent/withdraw',
    one('The person withdrew their consent: the story is withdrawn and can no longer be shared', 'case_studies.manage'),
    async (request, reply) => {
      const row = await loadCaseStudy(app, request, 'case_studies.manage')
      return answer(request, reply, await withdrawCaseStudyConsent(app, request, row))
    },
  )

  await feedbackApi(app)
}
