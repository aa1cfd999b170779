import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors, text } from '../admin/fields.js'
import { isThemeCode, themeName } from '../directory/matching/themes.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { loadPerson, personIdOf } from '../what-matters/access.js'
import { dayValues, todayInWales } from '../what-matters/dates.js'
import { conversationsOf, openEpisodeWithReasons } from '../what-matters/repository.js'
import { planApi } from './api.js'
import { goalView } from './present.js'
import { recordReview, savePlanVersion } from './record.js'
import { type CurrentPlan, currentPlan, planVersionsOf } from './repository.js'
import { contentFields, MAX_GOALS } from './rules.js'
import { agreementMethods, attainments } from './schema.js'

const views = 'features/plans/views'
const printCss = readFileSync(new URL('./views/print.css', import.meta.url), 'utf8')
const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** Reads the person's plan in force (and whether a plan may be written now) inside an audited transaction. */
async function readPlan(app: FastifyInstance, request: FastifyRequest, person: PersonRow, auditAction: string) {
  return app.deps.database.db.transaction().execute(async (trx) => {
    const current = await currentPlan(trx, person.id)
    const episode = await openEpisodeWithReasons(trx, person.id)
    await audit(trx, auditContext(request), {
      action: auditAction,
      recordType: current ? 'action_plan' : 'person',
      recordId: current?.plan.id ?? person.id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, version: current?.plan.version ?? null },
    })
    return { current, episode: episode ?? null }
  })
}

interface Slot {
  id: string
  description: string
  confidence: string
  motivation: string
}

/** The edit form's goal slots: the goals of the plan in force first, then blank slots up to six. */
function slotsFrom(current: CurrentPlan | null, openEpisodeId: string | null): Slot[] {
  const carried =
    current && current.plan.episode_id === openEpisodeId
      ? current.plan.goals.map((g) => ({ id: g.goalId, description: g.description, confidence: '', motivation: '' }))
      : []
  return [
    ...carried,
    ...Array.from({ length: MAX_GOALS - carried.length }, () => ({
      id: '',
      description: '',
      confidence: '',
      motivation: '',
    })),
  ].slice(0, MAX_GOALS)
}

function slotsFromBody(body: Record<string, unknown>): Slot[] {
  return Array.from({ length: MAX_GOALS }, (_, i) => ({
    id: text(body[`goal-${i + 1}-id`]),
    description: text(body[`goal-${i + 1}-description`]),
    confidence: text(body[`goal-${i + 1}-confidence`]),
    motivation: text(body[`goal-${i + 1}-motivation`]),
  }))
}

async function renderEdit(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: { body: Record<string, unknown> | null; errors: FieldError[] },
  status = 200,
) {
  const { current, episode } = await readPlan(app, request, person, 'plan.form')
  let values: Record<string, unknown>
  let slots: Slot[]
  if (state.body) {
    values = state.body
    slots = slotsFromBody(state.body)
  } else if (current && current.plan.episode_id === episode?.id) {
    const p = current.plan
    values = {
      planOn: todayInWales(new Date()),
      reviewOn: current.reviewOn ?? '',
      whatMatters: p.what_matters,
      howSupported: p.how_supported ?? '',
      needToKnow: p.need_to_know ?? '',
      supportConnected: p.support_connected ?? '',
      selfActions: p.self_actions ?? '',
      coProduced: p.co_produced ? 'yes' : 'no',
    }
    slots = slotsFrom(current, episode?.id ?? null)
  } else {
    // A first plan starts from what the latest conversation recorded as mattering (CF 5.3 "based on discussion of 'what matters'").
    const [conversation] = await conversationsOf(app.deps.database.db, person.id)
    const themes = conversation ? conversation.themes.filter(isThemeCode).map((c) => themeName(c, request.lang)) : []
    values = {
      planOn: todayInWales(new Date()),
      whatMatters: [themes.join(', '), conversation?.own_words ?? ''].filter(Boolean).join('. '),
    }
    slots = slotsFrom(null, null)
  }
  return reply.code(status).view(`${views}/plan-edit.njk`, {
    title: request.t(current && current.plan.episode_id === episode?.id ? 'plans.edit.title' : 'plans.edit.newTitle'),
    person,
    episode,
    nextVersion: current && current.plan.episode_id === episode?.id ? current.plan.version + 1 : 1,
    values,
    dates: {
      planOn: dayValues(values, 'planOn'),
      reviewOn: dayValues(values, 'reviewOn'),
      agreedOn: dayValues(values, 'agreedOn'),
    },
    slots,
    contentFields,
    agreementMethods,
    errors: summaryErrors(request.t, state.errors),
  })
}

async function renderReview(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: { body: Record<string, unknown>; errors: FieldError[] },
  status = 200,
) {
  const { current } = await readPlan(app, request, person, 'plan.view')
  return reply.code(status).view(`${views}/review.njk`, {
    title: request.t('plans.review.title'),
    person,
    current,
    goals: current ? current.plan.goals.map((g) => goalView(g)) : [],
    attainments,
    values: state.body,
    dates: { reviewedOn: dayValues(state.body, 'reviewedOn'), nextReviewOn: dayValues(state.body, 'nextReviewOn') },
    errors: summaryErrors(request.t, state.errors),
  })
}

/** Routes for the co-produced action plan (CF 5.3, CS §33) (issue 5). */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  app.get('/assets/plan-print.css', { config: { action: 'public' } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(printCss),
  )

  app.get('/people/:id/plan', { config: { action: 'plans.view' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.view', 'plan.view')
    const { current, episode } = await readPlan(app, request, person, 'plan.view')
    const scope = { organisationId: person.organisation_id }
    return reply.view(`${views}/plan.njk`, {
      title: request.t('plans.view.title'),
      person,
      current,
      goals: current ? current.plan.goals.map((g) => goalView(g)) : [],
      canManage: Boolean(episode) && can(request.user, 'plans.manage', scope),
      canReview:
        Boolean(current && !current.ended && current.plan.episode_status === 'open') &&
        can(request.user, 'plans.manage', scope),
      // CF 5.4: from the plan, connect the person to the support it names (the connections feature's form).
      canConnect: Boolean(episode) && can(request.user, 'connections.create', scope),
      saved: (request.query as Record<string, unknown>).saved ?? null,
    })
  })

  app.get('/people/:id/plan/edit', { config: { action: 'plans.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.manage', 'plan.create')
    return renderEdit(app, request, reply, person, { body: null, errors: [] })
  })

  app.post('/people/:id/plan', { config: { action: 'plans.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.manage', 'plan.create')
    const body = bodyOf(request)
    const outcome = await savePlanVersion(app, request, person, body)
    if (!outcome.ok)
      return renderEdit(
        app,
        request,
        reply,
        person,
        { body, errors: outcome.errors },
        outcome.problem === 'no_open_episode' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}/plan?saved=version`, 303)
  })

  app.get('/people/:id/plan/history', { config: { action: 'plans.view' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.view', 'plan.history')
    const versions = await app.deps.database.db.transaction().execute(async (trx) => {
      const found = await planVersionsOf(trx, person.id)
      await audit(trx, auditContext(request), {
        action: 'plan.history',
        recordType: 'person',
        recordId: person.id,
        organisationId: person.organisation_id,
        detail: { versions: found.length },
      })
      return found
    })
    return reply.view(`${views}/history.njk`, {
      title: request.t('plans.history.title'),
      person,
      versions: versions.map((v) => ({ ...v, goals: v.goals.map((g) => goalView(g, v.created_at)) })),
    })
  })

  app.get('/people/:id/plan/review', { config: { action: 'plans.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.manage', 'plan.review')
    return renderReview(app, request, reply, person, { body: { occasion: 'review' }, errors: [] })
  })

  app.post('/people/:id/plan/review', { config: { action: 'plans.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.manage', 'plan.review')
    const body = bodyOf(request)
    const outcome = await recordReview(app, request, person, body)
    if (!outcome.ok)
      return renderReview(
        app,
        request,
        reply,
        person,
        { body, errors: outcome.errors },
        outcome.problem === 'validation' ? 400 : 409,
      )
    return reply.redirect(`/people/${person.id}/plan?saved=review`, 303)
  })

  app.get('/people/:id/plan/print', { config: { action: 'plans.view' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'plans.view', 'plan.print')
    const { current } = await readPlan(app, request, person, 'plan.print')
    // The printed plan is the person's: in their language (people.language), whatever language the page is in.
    const lang = person.language === 'cy' ? 'cy' : 'en'
    const large = (request.query as Record<string, unknown>).size === 'large'
    return reply.view(`${views}/print.njk`, {
      lang,
      t: app.deps.i18n.translator(lang),
      title: app.deps.i18n.translator(lang)('plans.print.title'),
      person,
      current,
      goals: current ? current.plan.goals.map((g) => goalView(g)) : [],
      large,
    })
  })

  await planApi(app)
}
