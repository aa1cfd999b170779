import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, summaryErrors } from '../admin/fields.js'
import { themeName, themes } from '../directory/matching/themes.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { loadPerson, personIdOf } from './access.js'
import { whatMattersApi } from './api.js'
import { dayValues } from './dates.js'
import { changeConversation, recordConversation, valuesOf } from './record.js'
import { type Conversation, findConversation, openEpisodeWithReasons } from './repository.js'
import { compareWithReferral, type ConversationValues, needsCount, wellbeingDomains } from './rules.js'
import { groupPreferences, settingPreferences, timesOfDay, welshMediumPreferences } from './schema.js'

const view = 'features/what-matters/views/conversation.njk'

/** CF 5.1's open questions "that focus on the person's strength as well as the resources they have around them". */
export const strengthsPrompts = [
  'workingWell',
  'interests',
  'goneWell',
  'triedHelpful',
  'supportive',
  'smallSteps',
  'resources',
  'returnToSupport',
] as const

interface PageState {
  values: ConversationValues
  heldOn: Record<string, unknown>
  errors: FieldError[]
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { person: PersonRow; episode: { reasons: string[] } | null; conversation?: Conversation },
  state: PageState,
  status = 200,
) {
  const { person, episode, conversation } = page
  const reasons = conversation ? conversation.referral_reasons : (episode?.reasons ?? [])
  return reply.code(status).view(view, {
    title: request.t(conversation ? 'whatMatters.form.editTitle' : 'whatMatters.form.title'),
    person,
    episode: conversation ? { reasons } : episode,
    action: conversation ? `/what-matters/${conversation.id}` : `/people/${person.id}/what-matters`,
    summary: conversation
      ? {
          needsCount: needsCount(conversation.needs_domains),
          comparison: compareWithReferral(
            conversation.referral_reasons,
            conversation.confirmed_reasons,
            conversation.themes,
            conversation.emerged_issues,
          ),
          recordedBy: conversation.recorded_by_name,
          updatedAt: conversation.updated_at,
        }
      : null,
    referralReasons: reasons,
    themes: themes.map((th) => ({ code: th.code, name: themeName(th.code, request.lang) })),
    domains: wellbeingDomains,
    preferences: [
      { name: 'settingPreference', options: settingPreferences },
      { name: 'groupPreference', options: groupPreferences },
      { name: 'welshMedium', options: welshMediumPreferences },
    ],
    timesOfDay,
    prompts: strengthsPrompts,
    values: { themes: [], needsDomains: [], confirmedReasons: [], timesOfDay: [], ...state.values },
    heldOnValues: dayValues(state.heldOn, 'heldOn'),
    errors: summaryErrors(request.t, state.errors),
  })
}

async function loadConversation(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'what_matters.view' | 'what_matters.record',
  refusal: 'forbidden' | 'not_found' = 'forbidden',
) {
  const id = (request.params as { id: string }).id
  const conversation = isUuid(id) ? await findConversation(app.deps.database.db, id) : undefined
  if (!conversation) throw notFound()
  const person = await loadPerson(
    app,
    request,
    conversation.person_id,
    action,
    action === 'what_matters.view' ? 'what_matters.view' : 'what_matters.update',
    refusal,
  )
  return { conversation, person }
}

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** Routes for the 'What Matters' conversation (CS §27, CF 5.1) (issue 5). */
export async function whatMattersRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/people/:id/what-matters', { config: { action: 'what_matters.record' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'what_matters.record', 'what_matters.create')
    const episode = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), {
        action: 'what_matters.form',
        recordType: 'person',
        recordId: person.id,
        organisationId: person.organisation_id,
      })
      return (await openEpisodeWithReasons(trx, person.id)) ?? null
    })
    // The referral's reasons start ticked: the practitioner unticks those the conversation did not confirm.
    return render(
      request,
      reply,
      { person, episode },
      { values: { confirmedReasons: episode?.reasons ?? [] }, heldOn: {}, errors: [] },
    )
  })

  app.post('/people/:id/what-matters', { config: { action: 'what_matters.record' } }, async (request, reply) => {
    const person = await loadPerson(app, request, personIdOf(request), 'what_matters.record', 'what_matters.create')
    const body = bodyOf(request)
    const outcome = await recordConversation(app, request, person, body)
    if (!outcome.ok)
      return render(
        request,
        reply,
        { person, episode: (await openEpisodeWithReasons(db, person.id)) ?? null },
        { values: outcome.values, heldOn: body, errors: outcome.errors },
        outcome.problem === 'no_open_episode' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}?whatMatters=recorded#what-matters`, 303)
  })

  app.get('/what-matters/:id', { config: { action: 'what_matters.view' } }, async (request, reply) => {
    const { person, conversation: found } = await loadConversation(app, request, 'what_matters.view')
    // The conversation shown is read again inside the transaction that audits the read.
    const conversation = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), {
        action: 'what_matters.view',
        recordType: 'what_matters_conversation',
        recordId: found.id,
        organisationId: person.organisation_id,
        detail: { personId: person.id },
      })
      return (await findConversation(trx, found.id)) ?? found
    })
    return render(
      request,
      reply,
      { person, episode: null, conversation },
      { values: valuesOf(conversation), heldOn: { heldOn: conversation.held_on }, errors: [] },
    )
  })

  app.post('/what-matters/:id', { config: { action: 'what_matters.record' } }, async (request, reply) => {
    const { conversation, person } = await loadConversation(app, request, 'what_matters.record')
    const body = bodyOf(request)
    const outcome = await changeConversation(app, request, conversation, body)
    if (!outcome.ok)
      return render(
        request,
        reply,
        { person, episode: null, conversation },
        { values: outcome.values, heldOn: body, errors: outcome.errors },
        outcome.problem === 'episode_closed' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}?whatMatters=updated#what-matters`, 303)
  })

  await whatMattersApi(app, { loadConversation, bodyOf })
}
