import type { FastifyInstance } from 'fastify'
import { auditedList } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { loadPersonFor } from '../safeguarding/access.js'
import { todayInWales } from '../safeguarding/dates.js'
import { type DisclosureRow, disclosuresOf } from './record.js'
import { recordByHand } from './by-hand.js'
import { bases, NAME_LIMIT, recipientOf, sharedItems, sharingScopes, validateDisclosure, WORDS_LIMIT } from './rules.js'
import { recipientKinds } from './schema.js'

const tags = ['Information sharing']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const

const disclosureSchema = {
  type: 'object',
  properties: {
    id: uuid,
    sharedAt: { type: 'string', format: 'date-time' },
    recipientKind: { type: 'string', enum: [...recipientKinds, 'unknown'] },
    sharedWith: { type: 'string' },
    fields: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Codes of what was shared: the need-to-know fields of a referral, or the list of a hand-recorded disclosure',
    },
    sharedDetail: { type: ['string', 'null'] },
    purpose: {
      type: 'string',
      description: 'A code: referral_to_community_asset, recorded_disclosure, or another feature’s',
    },
    purposeNote: { type: ['string', 'null'] },
    basis: { type: 'string', enum: [...bases] },
    consentScope: { type: ['string', 'null'] },
    safeguardingConcernId: { type: ['string', 'null'] },
    sharedBy: { type: ['string', 'null'] },
  },
  required: ['id', 'sharedAt', 'recipientKind', 'sharedWith', 'fields', 'purpose', 'basis'],
} as const

function disclosureJson(r: DisclosureRow) {
  return {
    id: r.id,
    sharedAt: r.shared_at.toISOString(),
    recipientKind: recipientOf(r),
    sharedWith: r.shared_with_name,
    fields: r.fields,
    sharedDetail: r.shared_detail,
    purpose: r.purpose,
    purposeNote: r.purpose_note,
    basis: r.basis,
    consentScope: r.consent_scope,
    safeguardingConcernId: r.safeguarding_concern_id,
    sharedBy: r.shared_by_name,
  }
}

/** The information-sharing log as JSON (issue 5 §9, §12). */
export async function sharingApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id/disclosures',
    {
      config: { action: 'information_sharing.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Every disclosure of the person’s data outside the provider, newest first',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { disclosures: { type: 'array', items: disclosureSchema } },
            required: ['disclosures'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPersonFor(app, request, 'information_sharing.view', 'not_found')
      const event = { action: 'disclosure.list', recordType: 'person', recordId: person.id, organisationId: person.organisation_id }
      const rows = await auditedList(db, auditContext(request), event, (trx) => disclosuresOf(trx, person.id))
      return { disclosures: rows.map(disclosureJson) }
    },
  )

  app.post(
    '/api/v1/people/:id/disclosures',
    {
      config: { action: 'information_sharing.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record a disclosure made outside Cyswllt (by phone, letter, in a meeting)',
        description:
          'Needs a basis: `consent` with a `consentScope` whose latest consent record gives consent (withdrawn consent blocks new disclosures under that scope), or `safeguarding_duty`, optionally with the person’s `concernId`. 422 `validation_failed` with `errors` otherwise, and nothing is written.',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            recipientKind: { type: 'string', enum: [...recipientKinds] },
            sharedWithName: { type: 'string', maxLength: NAME_LIMIT },
            fields: { type: 'array', items: { type: 'string', enum: [...sharedItems] }, minItems: 1 },
            sharedDetail: {
              type: 'string',
              maxLength: WORDS_LIMIT,
              description: 'What was shared, in words; required with `other`',
            },
            purposeNote: { type: 'string', maxLength: WORDS_LIMIT, description: 'Why it was shared' },
            basis: { type: 'string', enum: [...bases] },
            consentScope: { type: 'string', enum: [...sharingScopes] },
            concernId: uuid,
            sharedOn: { type: 'string', format: 'date', description: 'The day it was shared; not in the future' },
          },
          required: ['recipientKind', 'sharedWithName', 'fields', 'purposeNote', 'basis', 'sharedOn'],
        },
        response: { 201: disclosureSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPersonFor(app, request, 'information_sharing.record', 'not_found')
      const now = new Date()
      const raw =
        request.body && typeof request.body === 'object' && !Array.isArray(request.body)
          ? (request.body as Record<string, unknown>)
          : {}
      const { value, errors } = validateDisclosure(raw, todayInWales(now))
      const result = errors.length === 0 ? await recordByHand(app, request, person, value, now) : null
      const all = [...errors, ...(result?.errors ?? [])]
      if (!result?.outcome.ok)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('informationSharing.api.invalid'), {
          errors: apiErrors(request.t, all),
        })
      const id = result.outcome.id
      const row = (await disclosuresOf(db, person.id)).find((r) => r.id === id)
      return reply
        .code(201)
        .header('location', `/api/v1/people/${person.id}/disclosures`)
        .send(row ? disclosureJson(row) : { id })
    },
  )
}
