import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { currentConsent } from '../person-record/consents.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { loadPersonFor } from '../safeguarding/access.js'
import { todayInWales } from '../safeguarding/dates.js'
import { concernsOf } from '../safeguarding/repository.js'
import { sharingApi } from './api.js'
import { presentDisclosure } from './present.js'
import { recordByHand } from './by-hand.js'
import { disclosuresOf } from './record.js'
import { bases, NAME_LIMIT, sharedItems, sharingScopes, validateDisclosure, WORDS_LIMIT } from './rules.js'
import { recipientKinds } from './schema.js'

const views = {
  list: 'features/information-sharing/views/list.njk',
  record: 'features/information-sharing/views/record.njk',
}

async function renderRecord(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: { values: object; errors: FieldError[] },
  status = 200,
) {
  const data = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'disclosure.form',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
    })
    const consents = await Promise.all(
      sharingScopes.map(async (scope) => ({ scope, state: await currentConsent(trx, person.id, scope) })),
    )
    return { consents, concerns: await concernsOf(trx, person.id) }
  })
  return reply.code(status).view(views.record, {
    title: request.t('informationSharing.record.title'),
    person,
    consents: data.consents.map((c) => ({
      scope: c.scope,
      state: c.state === null ? 'not_asked' : c.state.given ? 'given' : 'withdrawn',
    })),
    concerns: data.concerns,
    recipientKinds,
    sharedItems,
    bases,
    sharingScopes,
    nameLimit: NAME_LIMIT,
    wordsLimit: WORDS_LIMIT,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
  })
}

/** Routes for the information-sharing log (CF 2.2, issue 5 §9). */
export async function informationSharingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/people/:id/sharing', { config: { action: 'information_sharing.view' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'information_sharing.view')
    const rows = await db.transaction().execute(async (trx) => {
      const found = await disclosuresOf(trx, person.id)
      await audit(trx, auditContext(request), {
        action: 'disclosure.list',
        recordType: 'person',
        recordId: person.id,
        organisationId: person.organisation_id,
        detail: { count: found.length },
      })
      return found
    })
    const query = request.query as Record<string, unknown>
    return reply.view(views.list, {
      title: request.t('informationSharing.list.title'),
      person,
      rows: rows.map((r) => presentDisclosure(app, request, r)),
      recorded: query.recorded === '1',
    })
  })

  app.get('/people/:id/sharing/new', { config: { action: 'information_sharing.record' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'information_sharing.record')
    return renderRecord(app, request, reply, person, { values: { fields: [] }, errors: [] })
  })

  app.post('/people/:id/sharing', { config: { action: 'information_sharing.record' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'information_sharing.record')
    const now = new Date()
    const raw = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}
    const { value, values, errors } = validateDisclosure(raw, todayInWales(now))
    if (errors.length > 0) return renderRecord(app, request, reply, person, { values, errors }, 400)
    const result = await recordByHand(app, request, person, value, now)
    if (!result.outcome.ok) return renderRecord(app, request, reply, person, { values, errors: result.errors }, 400)
    return reply.redirect(`/people/${person.id}/sharing?recorded=1`, 303)
  })

  await sharingApi(app)
}
