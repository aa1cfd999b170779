import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { loadConcern, loadPersonFor } from './access.js'
import { safeguardingApi } from './api.js'
import { assetSafeguardingRoutes } from './asset-raise.js'
import { todayInWales } from './dates.js'
import {
  type ConcernRow,
  concernDetail,
  insertConcern,
  insertEscalation,
  openConcerns,
  updateOutcome,
} from './repository.js'
import { REFERENCE_LIMIT, validateConcern, validateEscalation, validateOutcome, WORDS_LIMIT } from './rules.js'
import { concernCategories, concernSubjects, escalationTargets } from './schema.js'

const views = {
  raise: 'features/safeguarding/views/raise.njk',
  concern: 'features/safeguarding/views/concern.njk',
  list: 'features/safeguarding/views/list.njk',
}
const body = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}

/** The lists every concern form offers, in the order CF 2.4 gives them. */
export const choices = {
  categories: concernCategories,
  subjects: concernSubjects,
  targets: escalationTargets,
  wordsLimit: WORDS_LIMIT,
  referenceLimit: REFERENCE_LIMIT,
}

interface FormState {
  values: object
  errors: FieldError[]
}

async function renderRaise(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: FormState,
  status = 200,
) {
  // The form shows who the concern is about: a read of the person's name, audited.
  await app.deps.database.db.transaction().execute((trx) =>
    audit(trx, auditContext(request), {
      action: 'safeguarding_concern.form',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
    }),
  )
  return reply.code(status).view(views.raise, {
    title: request.t('safeguarding.raise.title'),
    person,
    ...choices,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
  })
}

async function renderConcern(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  concern: ConcernRow,
  state: FormState & { form?: 'escalation' | 'outcome' } = { values: {}, errors: [] },
  status = 200,
) {
  const detail = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'safeguarding_concern.view',
      recordType: 'safeguarding_concern',
      recordId: concern.id,
      organisationId: concern.organisation_id,
      detail: { personId: concern.person_id },
    })
    return concernDetail(trx, concern.id)
  })
  const query = request.query as Record<string, unknown>
  const notice =
    state.errors.length === 0 ? (['raised', 'escalated', 'updated'] as const).find((n) => query[n] === '1') : undefined
  return reply.code(status).view(views.concern, {
    title: request.t('safeguarding.concern.title'),
    concern,
    ...detail,
    ...choices,
    form: state.form ?? null,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
    notice: notice ? request.t(`safeguarding.notices.${notice}`) : null,
  })
}

/** Routes for safeguarding concerns (CS Std 3, CF 2.4) (issue 5 §8). */
export async function safeguardingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/people/:id/safeguarding/new', { config: { action: 'safeguarding.raise' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'safeguarding.raise')
    return renderRaise(app, request, reply, person, { values: {}, errors: [] })
  })

  app.post('/people/:id/safeguarding', { config: { action: 'safeguarding.raise' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'safeguarding.raise')
    const now = new Date()
    const { value, values, errors } = validateConcern(body(request), todayInWales(now))
    if (errors.length > 0) return renderRaise(app, request, reply, person, { values, errors }, 400)
    const created = await db.transaction().execute(async (trx) => {
      const c = await insertConcern(trx, {
        person,
        form: value,
        userId: request.user?.userId ?? null,
        side: 'provider',
        now,
      })
      await audit(trx, auditContext(request), {
        action: 'safeguarding_concern.create',
        recordType: 'safeguarding_concern',
        recordId: c.id,
        organisationId: person.organisation_id,
        detail: { personId: person.id, category: value.category, escalated: value.escalation?.to ?? null },
      })
      return c
    })
    return reply.redirect(`/safeguarding/concerns/${created.id}?raised=1`, 303)
  })

  app.get('/safeguarding', { config: { action: 'safeguarding.view' } }, async (request, reply) => {
    const user = request.user
    // The navigation offers this list to the safeguarding lead and the team lead (issue 5 §8); practitioners, who may
    // see every concern of their organisation's people under the policy, reach them from the person page.
    if (!user) throw forbidden()
    const rows = await db.transaction().execute(async (trx) => {
      const found = await openConcerns(trx, user.organisationId)
      await audit(trx, auditContext(request), {
        action: 'safeguarding_concern.list',
        recordType: 'safeguarding_concern',
        detail: { count: found.length, status: 'open' },
      })
      return found
    })
    return reply.view(views.list, { title: request.t('safeguarding.list.title'), rows })
  })

  app.get('/safeguarding/concerns/:id', { config: { action: 'safeguarding.view' } }, async (request, reply) => {
    const concern = await loadConcern(app, request, 'safeguarding.view')
    return renderConcern(app, request, reply, concern)
  })

  app.post(
    '/safeguarding/concerns/:id/escalations',
    { config: { action: 'safeguarding.manage' } },
    async (request, reply) => {
      const concern = await loadConcern(app, request, 'safeguarding.manage')
      const now = new Date()
      const { value, values, errors } = validateEscalation(body(request), todayInWales(now), concern.noticed_on)
      if (errors.length > 0 || !value)
        return renderConcern(app, request, reply, concern, { values, errors, form: 'escalation' }, 400)
      await db.transaction().execute(async (trx) => {
        const id = await insertEscalation(trx, concern.id, value, request.user?.userId ?? null, now)
        await audit(trx, auditContext(request), {
          action: 'safeguarding_concern.escalate',
          recordType: 'safeguarding_concern',
          recordId: concern.id,
          organisationId: concern.organisation_id,
          detail: { escalationId: id, to: value.to },
        })
      })
      return reply.redirect(`/safeguarding/concerns/${concern.id}?escalated=1`, 303)
    },
  )

  app.post(
    '/safeguarding/concerns/:id/outcome',
    { config: { action: 'safeguarding.manage' } },
    async (request, reply) => {
      const concern = await loadConcern(app, request, 'safeguarding.manage')
      const { value, values, errors } = validateOutcome(body(request), concern)
      if (errors.length > 0)
        return renderConcern(app, request, reply, concern, { values, errors, form: 'outcome' }, 400)
      await db.transaction().execute(async (trx) => {
        const changes = await updateOutcome(trx, concern.id, value, request.user?.userId ?? null, new Date())
        await audit(trx, auditContext(request), {
          action: 'safeguarding_concern.update',
          recordType: 'safeguarding_concern',
          recordId: concern.id,
          organisationId: concern.organisation_id,
          detail: { changes },
        })
      })
      return reply.redirect(`/safeguarding/concerns/${concern.id}?updated=1`, 303)
    },
  )

  await assetSafeguardingRoutes(app)
  await safeguardingApi(app)
}
