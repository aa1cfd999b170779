import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { dayValues, todayInWales } from '../what-matters/dates.js'
import { supervisionApi } from './api.js'
import { addAction, addReflection, followUpAction, loadSession, readOverview, readSession, recordSession } from './record.js'
import { membersOf, type SessionRow } from './repository.js'
import { ACTION_LIMIT, isOverdue, REFLECTION_LIMIT, supervisionTopics, TOPICS_NOTE_LIMIT } from './rules.js'
import { sessionKinds } from './schema.js'

const views = 'features/supervision/views'

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

const idOf = (request: FastifyRequest) => (request.params as { id?: string }).id

async function renderNew(request: FastifyRequest, reply: FastifyReply, app: FastifyInstance, values: Record<string, unknown>, errors: FieldError[], status = 200) {
  const user = request.user!
  return reply.code(status).view(`${views}/new.njk`, {
    title: request.t('supervision.new.title'),
    members: await membersOf(app.deps.database.db, user.organisationId),
    values,
    topics: Array.isArray(values.topics) ? values.topics : values.topics ? [values.topics] : [],
    heldOn: dayValues(values, 'heldOn'),
    kinds: sessionKinds,
    topicCodes: supervisionTopics,
    topicsNoteLimit: TOPICS_NOTE_LIMIT,
    errors: summaryErrors(request.t, errors),
  })
}

/** Which form on the session page failed, so its errors show beside it and its values are kept. */
type FormState = { form: 'action' | 'reflection' | 'followUp'; actionId?: string; values: Record<string, unknown>; errors: FieldError[] }

async function renderSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, session: SessionRow, state: FormState | null, status = 200) {
  const view = await readSession(app, request, session)
  const today = todayInWales(new Date())
  return reply.code(status).view(`${views}/session.njk`, {
    title: request.t('supervision.session.title'),
    ...view,
    actions: view.actions.map((a) => ({ ...a, overdue: isOverdue(a, today) })),
    state,
    values: state?.values ?? {},
    dueOn: dayValues(state?.form === 'action' ? state.values : {}, 'dueOn'),
    errors: state ? summaryErrors(request.t, state.errors) : [],
    notice: (request.query as Record<string, unknown>).saved,
    actionLimit: ACTION_LIMIT,
    reflectionLimit: REFLECTION_LIMIT,
  })
}

/** Supervision (issue 8 §4; CF 2.7b): my sessions, recording one, a session with its actions and private reflections. */
export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/supervision', { config: { action: 'supervision.view' } }, async (request, reply) => {
    const overview = await readOverview(app, request)
    return reply.view(`${views}/index.njk`, {
      title: request.t('supervision.title'),
      ...overview,
      teamLead: overview.organisation !== null,
    })
  })

  app.get('/supervision/new', { config: { action: 'supervision.record' } }, async (request, reply) => {
    const user = request.user!
    return renderNew(request, reply, app, { heldOn: todayInWales(new Date()), supervisorId: user.userId }, [])
  })

  app.post('/supervision/new', { config: { action: 'supervision.record' } }, async (request, reply) => {
    const body = bodyOf(request)
    const outcome = await recordSession(app, request, body)
    if (!outcome.ok) return renderNew(request, reply, app, body, outcome.errors, 400)
    return reply.redirect(`/supervision/${outcome.id}?saved=session`, 303)
  })

  app.get('/supervision/:id', { config: { action: 'supervision.view' } }, async (request, reply) => {
    const session = await loadSession(app, request, idOf(request), 'forbidden')
    return renderSession(app, request, reply, session, null)
  })

  app.post('/supervision/:id/actions', { config: { action: 'supervision.record' } }, async (request, reply) => {
    const session = await loadSession(app, request, idOf(request), 'forbidden')
    const body = bodyOf(request)
    const outcome = await addAction(app, request, session, body)
    if (!outcome.ok) return renderSession(app, request, reply, session, { form: 'action', values: body, errors: outcome.errors }, 400)
    return reply.redirect(`/supervision/${session.id}?saved=action#actions`, 303)
  })

  app.post('/supervision/:id/actions/:actionId', { config: { action: 'supervision.record' } }, async (request, reply) => {
    const session = await loadSession(app, request, idOf(request), 'forbidden')
    const body = bodyOf(request)
    const actionId = (request.params as { actionId: string }).actionId
    const outcome = await followUpAction(app, request, session, actionId, body)
    if (!outcome.ok) {
      // Each action has its own note field: the summary links to this one.
      const errors = outcome.errors.map((e) => ({ ...e, href: `#${e.field}-${actionId}` }))
      return renderSession(app, request, reply, session, { form: 'followUp', actionId, values: body, errors }, 400)
    }
    return reply.redirect(`/supervision/${session.id}?saved=followUp#actions`, 303)
  })

  app.post('/supervision/:id/reflections', { config: { action: 'supervision.record' } }, async (request, reply) => {
    const session = await loadSession(app, request, idOf(request), 'forbidden')
    const body = bodyOf(request)
    const outcome = await addReflection(app, request, session, body)
    if (!outcome.ok) return renderSession(app, request, reply, session, { form: 'reflection', values: body, errors: outcome.errors }, 400)
    return reply.redirect(`/supervision/${session.id}?saved=reflection#reflections`, 303)
  })

  await supervisionApi(app)
}
