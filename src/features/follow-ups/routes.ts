import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { openEpisode } from '../connections/repository.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { followUpsApi } from './api.js'
import { addTask, finishFollowUp, loadFollowUp, loadPersonForFollowUps } from './operations.js'
import { presentFollowUp } from './person-section.js'
import { followUpsForPerson, practitionersOfOrganisation } from './repository.js'
import { DESCRIPTION_LIMIT, OUTCOME_NOTE_LIMIT, walesToday } from './rules.js'

const views = { task: 'features/follow-ups/views/new-task.njk', outcome: 'features/follow-ups/views/outcome.njk' }
type Body = Record<string, unknown>
const body = (request: FastifyRequest): Body =>
  request.body && typeof request.body === 'object' ? (request.body as Body) : {}

/** Routes for follow-ups and tasks (CF 6.1) (issue 5 §7): add a task, record what came of a follow-up. */
export async function followUpRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  async function taskPage(
    request: FastifyRequest,
    reply: FastifyReply,
    person: PersonRow,
    state: { values: Record<string, string>; errors: FieldError[] },
    status = 200,
  ) {
    const { episode, practitioners } = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), {
        action: 'follow_up.form',
        recordType: 'person',
        recordId: person.id,
        organisationId: person.organisation_id,
      })
      return {
        episode: await openEpisode(trx, person.id),
        practitioners: await practitionersOfOrganisation(trx, person.organisation_id),
      }
    })
    return reply.code(status).view(views.task, {
      title: request.t('followUps.task.title'),
      person,
      hasEpisode: Boolean(episode),
      practitioners,
      descriptionLimit: DESCRIPTION_LIMIT,
      values: state.values,
      errors: summaryErrors(request.t, state.errors),
    })
  }

  app.get('/people/:id/follow-ups/new', { config: { action: 'follow_ups.manage' } }, async (request, reply) => {
    const person = await loadPersonForFollowUps(app, request, 'follow_ups.manage')
    return taskPage(request, reply, person, { values: {}, errors: [] })
  })

  app.post('/people/:id/follow-ups', { config: { action: 'follow_ups.manage' } }, async (request, reply) => {
    const person = await loadPersonForFollowUps(app, request, 'follow_ups.manage')
    const outcome = await addTask(app, request, person, body(request))
    if (!outcome.ok)
      return taskPage(
        request,
        reply,
        person,
        { values: outcome.values, errors: outcome.errors },
        outcome.problem === 'no_open_episode' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}?followUpAdded=1#follow-ups`, 303)
  })

  async function outcomePage(
    request: FastifyRequest,
    reply: FastifyReply,
    person: PersonRow,
    followUpId: string,
    state: { values: Record<string, string>; errors: FieldError[] },
    status = 200,
  ) {
    const followUp = await db.transaction().execute(async (trx) => {
      const found = (await followUpsForPerson(trx, person.id)).find((f) => f.id === followUpId)
      await audit(trx, auditContext(request), {
        action: 'follow_up.view',
        recordType: 'follow_up',
        recordId: followUpId,
        organisationId: person.organisation_id,
        detail: { personId: person.id },
      })
      return found
    })
    if (!followUp) throw notFound()
    return reply.code(status).view(views.outcome, {
      title: request.t('followUps.outcome.title'),
      person,
      followUp: presentFollowUp(request, followUp, walesToday()),
      noteLimit: OUTCOME_NOTE_LIMIT,
      values: state.values,
      errors: summaryErrors(request.t, state.errors),
    })
  }

  /** The follow-up must be this person's: a URL mixing one person with another's follow-up is unknown. */
  async function loadPair(request: FastifyRequest) {
    const person = await loadPersonForFollowUps(app, request, 'follow_ups.manage')
    const followUp = await loadFollowUp(app, request, (request.params as { followUpId: string }).followUpId)
    if (followUp.person_id !== person.id) throw notFound()
    return { person, followUp }
  }

  app.get('/people/:id/follow-ups/:followUpId', { config: { action: 'follow_ups.manage' } }, async (request, reply) => {
    const { person, followUp } = await loadPair(request)
    return outcomePage(request, reply, person, followUp.id, { values: {}, errors: [] })
  })

  app.post(
    '/people/:id/follow-ups/:followUpId',
    { config: { action: 'follow_ups.manage' } },
    async (request, reply) => {
      const { person, followUp } = await loadPair(request)
      const outcome = await finishFollowUp(app, request, followUp, body(request))
      if (!outcome.ok)
        return outcomePage(
          request,
          reply,
          person,
          followUp.id,
          { values: outcome.values, errors: outcome.errors },
          outcome.problem === 'not_open' ? 409 : 400,
        )
      return reply.redirect(`/people/${person.id}?followUpRecorded=1#follow-ups`, 303)
    },
  )

  await followUpsApi(app)
}
