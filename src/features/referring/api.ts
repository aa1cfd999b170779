import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { referralStatuses, type ReferralStatus } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { parsePage } from '../admin/paging.js'
import type { FieldError } from '../referrals/referral-input.js'
import { fullJson, summaryJson } from './api-json.js'
import {
  createdSchema,
  documentOnly,
  idParamsSchema,
  invalid,
  listQuerySchema,
  listSchema,
  problems,
  referralBodySchema,
  referralSchema,
} from './api-schemas.js'
import { createProfessionalReferral } from './create-referral.js'
import { apiErrors } from './form-fields.js'
import { canFollowSent, referralViewFor } from './outcome.js'
import { findReferralFull, findReferralSummary, listReferrals, PAGE_SIZE } from './queries.js'

const tags = ['Referrals']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const isStatus = (value: unknown): value is ReferralStatus =>
  typeof value === 'string' && (referralStatuses as readonly string[]).includes(value)
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value)

/** Referrals as JSON: send one, read one, list them (DESIGN §2 steps 1–2; issue 3 item 10). */
export async function referralsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const sendInvalid = (
    request: Parameters<typeof sendProblem>[0],
    reply: Parameters<typeof sendProblem>[1],
    errors: FieldError[],
  ) =>
    sendProblem(request, reply, 422, 'validation_failed', request.t('referring.api.invalid'), {
      errors: apiErrors(request.t, errors),
    })

  app.post(
    '/api/v1/referrals',
    {
      config: { action: 'referrals.create' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Send a professional referral',
        description:
          'The same checks as the referral form. The person, the referral and the consents given with it are written together; on any problem nothing is written and 422 lists every field that is wrong.',
        body: referralBodySchema,
        response: { 201: createdSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw notFound()
      const raw =
        request.body && typeof request.body === 'object' && !Array.isArray(request.body)
          ? (request.body as Record<string, unknown>)
          : {}
      // The referrer's name and organisation default to the account's, as the form fills them in.
      const body = { referrerName: user.name, referrerOrganisationName: user.organisationName, ...raw }
      const result = await createProfessionalReferral(db, request, body, 'api')
      if (!result.ok) return sendInvalid(request, reply, result.errors)
      return reply
        .code(201)
        .header('location', `/api/v1/referrals/${result.referralId}`)
        .send({
          id: result.referralId,
          reference: result.reference,
          status: result.status,
          organisationId: result.organisationId,
          receivedAt: result.receivedAt.toISOString(),
        })
    },
  )

  app.get(
    '/api/v1/referrals/:id',
    {
      config: { action: 'referrals.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'One referral',
        description:
          'The receiving provider’s practitioners and team leads see all of it. The referring organisation sees its status, and the outcome only when the person agreed to share it and has not withdrawn that consent. Anyone else gets 404, and the attempt is audited.',
        params: idParamsSchema,
        response: { 200: referralSchema, ...problems },
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id
      const json = !UUID.test(id)
        ? null
        : await db.transaction().execute(async (trx) => {
            const found = await findReferralSummary(trx, id)
            if (!found) return null
            const view = referralViewFor(request.user, found)
            const event = {
              action: 'referral.view',
              recordType: 'referral',
              recordId: id,
              organisationId: found.organisation_id,
            }
            if (!view) {
              await audit(trx, auditContext(request), { ...event, outcome: 'refused' })
              return null
            }
            await audit(trx, auditContext(request), { ...event, detail: { view } })
            if (view === 'sender') return summaryJson(found, view)
            const full = await findReferralFull(trx, id)
            return full ? fullJson(full) : null
          })
      if (!json) throw notFound()
      return json
    },
  )

  app.get(
    '/api/v1/referrals',
    {
      config: { action: 'referrals.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Referrals, newest first, 25 a page',
        description:
          'For practitioners and team leads, the referrals their provider received; for referrers, those their organisation sent (filtering the sender’s list by a decision matches only referrals whose outcome is shared with them).',
        querystring: listQuerySchema,
        response: { 200: listSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw notFound()
      const query = request.query as Record<string, unknown>
      const status = single(query.status)
      const errors: FieldError[] = []
      if (status !== undefined && status !== '' && !isStatus(status))
        errors.push({ field: 'status', key: 'referrals.errors.choiceInvalid' })
      if (query.page !== undefined && String(parsePage(query.page)) !== String(single(query.page)))
        errors.push({ field: 'page', key: 'referring.api.pageInvalid' })
      if (errors.length > 0) return sendInvalid(request, reply, errors)

      const page = parsePage(query.page)
      const view =
        referralViewFor(user, { organisation_id: user.organisationId, referrer_organisation_id: null }) === 'provider'
          ? 'provider'
          : 'sender'
      const allowed = view === 'provider' || canFollowSent(user)
      const { rows, total } = !allowed
        ? { rows: [], total: 0 }
        : await db.transaction().execute(async (trx) => {
            const found = await listReferrals(trx, {
              side: view === 'provider' ? 'received' : 'sent',
              organisationId: user.organisationId,
              page,
              ...(isStatus(status) ? { status } : {}),
            })
            await audit(trx, auditContext(request), {
              action: 'referral.list',
              recordType: 'referral',
              detail: { view, status: isStatus(status) ? status : null, page, count: found.rows.length },
            })
            return found
          })
      return { view, referrals: rows.map((row) => summaryJson(row, view)), page, pageSize: PAGE_SIZE, total }
    },
  )
}
