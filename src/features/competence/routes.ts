import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type FieldError, queryValue, summaryErrors } from '../admin/fields.js'
import { dayValues, todayInWales } from '../what-matters/dates.js'
import { competenceApi } from './api.js'
import { areaIds, ratings } from './areas.js'
import { addPlanItem, changePlanItem, ownerOf, ownPlanItem, saveSitting } from './record.js'
import { planOf, sittingsOf } from './repository.js'
import { areaKey, areasByDomain, currentRatings, domainNameKeys, areaTitle, changesOf, gapsOf, planStatuses, proposedPlan, ratingsFromForm } from './rules.js'

const views = 'features/competence/views'

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

const area = (request: FastifyRequest, areaId: string) => ({ id: areaId, key: areaKey(areaId), title: areaTitle(areaId, request.lang) })

/** What the overview, history and plan pages read: the user's sittings (oldest first) and plan, with the gaps. */
async function ownRecord(app: FastifyInstance, request: FastifyRequest) {
  const owner = ownerOf(request)
  const db = app.deps.database.db
  const [sittings, plan] = await Promise.all([sittingsOf(db, owner.userId), planOf(db, owner.userId)])
  const current = currentRatings(sittings)
  const gaps = gapsOf(current)
  return { sittings, latest: sittings.at(-1), current, plan, gaps, proposed: proposedPlan(gaps, plan) }
}

function renderAssess(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[], status = 200) {
  return reply.code(status).view(`${views}/assess.njk`, {
    title: request.t('competence.assess.title'),
    domains: areasByDomain().map((d) => ({ domain: d.domain, name: request.t(domainNameKeys[d.domain - 1] ?? ''), areas: d.areas.map((id) => area(request, id)) })),
    ratings,
    values,
    assessedOn: dayValues(values, 'assessedOn'),
    errors: summaryErrors(request.t, errors),
  })
}

function renderPlanItem(
  request: FastifyRequest,
  reply: FastifyReply,
  state: { item?: { id: string; areaId: string }; values: Record<string, unknown>; errors: FieldError[] },
  status = 200,
) {
  return reply.code(status).view(`${views}/plan-item.njk`, {
    title: request.t(state.item ? 'competence.plan.editTitle' : 'competence.plan.addTitle'),
    item: state.item && { ...state.item, area: area(request, state.item.areaId) },
    areas: areaIds.map((id) => area(request, id)),
    statuses: planStatuses,
    values: state.values,
    dueOn: dayValues(state.values, 'dueOn'),
    errors: summaryErrors(request.t, state.errors),
  })
}

/** Self-assessment against the Competence Framework and the personal development plan (issue 8 §2). */
export async function competenceRoutes(app: FastifyInstance): Promise<void> {
  const config = { action: 'competence.manage_own' } as const

  app.get('/competence', { config }, async (request, reply) => {
    const own = await ownRecord(app, request)
    return reply.view(`${views}/index.njk`, {
      title: request.t('competence.overview.title'),
      saved: queryValue((request.query as Record<string, unknown>).saved),
      latest: own.latest,
      // Each area's latest rating, in the framework's order, with the date of the sitting that gave it.
      current: areaIds.flatMap((id) => {
        const r = own.current.get(id)
        return r ? [{ ...r, areaId: id, area: area(request, id) }] : []
      }),
      gaps: own.gaps.map((g) => ({ ...g, area: area(request, g.areaId) })),
      plan: own.plan.map((p) => ({ ...p, area: area(request, p.areaId) })),
      proposed: own.proposed.length,
    })
  })

  app.get('/competence/assess', { config }, async (request, reply) => {
    ownerOf(request)
    return renderAssess(request, reply, { assessedOn: todayInWales(new Date()) }, [])
  })

  app.post('/competence/assess', { config }, async (request, reply) => {
    const body = bodyOf(request)
    const outcome = await saveSitting(app, request, { ...body, ratings: ratingsFromForm(body) })
    if (!outcome.ok) return renderAssess(request, reply, body, outcome.errors, 400)
    return reply.redirect('/competence?saved=assessment', 303)
  })

  app.get('/competence/history', { config }, async (request, reply) => {
    const own = await ownRecord(app, request)
    const order = (id: string) => areaIds.indexOf(id as (typeof areaIds)[number])
    const sittings = changesOf(own.sittings)
      .map((s) => ({
        ...s,
        ratings: [...s.ratings].sort((a, b) => order(a.areaId) - order(b.areaId)).map((r) => ({ ...r, area: area(request, r.areaId) })),
      }))
      .reverse()
    return reply.view(`${views}/history.njk`, { title: request.t('competence.history.title'), sittings })
  })

  app.get('/competence/plan', { config }, async (request, reply) => {
    const own = await ownRecord(app, request)
    return reply.view(`${views}/plan.njk`, {
      title: request.t('competence.plan.title'),
      saved: queryValue((request.query as Record<string, unknown>).saved),
      plan: own.plan.map((p) => ({ ...p, area: area(request, p.areaId) })),
      proposed: own.proposed.map((g) => ({ ...g, area: area(request, g.areaId) })),
      assessed: own.latest !== undefined,
    })
  })

  app.get('/competence/plan/new', { config }, async (request, reply) => {
    ownerOf(request)
    const areaId = queryValue((request.query as Record<string, unknown>).area)
    return renderPlanItem(request, reply, { values: { areaId }, errors: [] })
  })

  app.post('/competence/plan', { config }, async (request, reply) => {
    const body = bodyOf(request)
    const outcome = await addPlanItem(app, request, { ...body, status: 'planned' })
    if (!outcome.ok) return renderPlanItem(request, reply, { values: body, errors: outcome.errors }, 400)
    return reply.redirect('/competence/plan?saved=added', 303)
  })

  app.get('/competence/plan/:id', { config }, async (request, reply) => {
    const item = await ownPlanItem(app, request, (request.params as { id: string }).id)
    return renderPlanItem(request, reply, { item, values: { action: item.action, dueOn: item.dueOn ?? '', status: item.status }, errors: [] })
  })

  app.post('/competence/plan/:id', { config }, async (request, reply) => {
    const item = await ownPlanItem(app, request, (request.params as { id: string }).id)
    const body = bodyOf(request)
    // The "mark as done" button sends the status alone.
    const change = body.complete === 'yes' ? { status: 'done' } : { action: body.action, dueOn: body.dueOn, 'dueOn-day': body['dueOn-day'], 'dueOn-month': body['dueOn-month'], 'dueOn-year': body['dueOn-year'], status: body.status }
    const outcome = await changePlanItem(app, request, item, change)
    if (!outcome.ok) return renderPlanItem(request, reply, { item, values: body, errors: outcome.errors }, 400)
    return reply.redirect(`/competence/plan?saved=${body.complete === 'yes' ? 'completed' : 'updated'}`, 303)
  })

  await competenceApi(app)
}
