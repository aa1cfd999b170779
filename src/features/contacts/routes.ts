import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { barrierCodes } from '../connections/barriers.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { contactsApi } from './api.js'
import { healthcareFields, MAX_VISITS } from './healthcare.js'
import { recordContact, recordHealthcareUse } from './record.js'
import { loadPersonFor, openEpisode } from './repository.js'
import { MAX_MINUTES, PROGRESS_LIMIT, walesParts } from './rules.js'
import { contactLanguages, contactModes, contactParties, contactTypes, healthcareOccasions } from './schema.js'

const views = {
  contact: 'features/contacts/views/contact.njk',
  healthcare: 'features/contacts/views/healthcare-use.njk',
}

interface FormState {
  values: Record<string, string | string[]>
  errors: FieldError[]
}

async function renderContactForm(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: FormState,
  status = 200,
) {
  const episode = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'contact.form',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
    })
    return openEpisode(trx, person.id)
  })
  const today = walesParts(new Date()).date.split('-')
  const values = Object.keys(state.values).length
    ? state.values
    : {
        'when-day': String(Number(today[2])),
        'when-month': String(Number(today[1])),
        'when-year': today[0] ?? '',
        language: person.language,
        withWhom: ['person'],
      }
  return reply.code(status).view(views.contact, {
    title: request.t('contacts.form.title'),
    person,
    hasEpisode: Boolean(episode),
    modes: contactModes,
    parties: contactParties,
    types: contactTypes,
    languages: contactLanguages,
    barriers: barrierCodes,
    maxMinutes: MAX_MINUTES,
    progressLimit: PROGRESS_LIMIT,
    values: { withWhom: [], barriers: [], ...values },
    errors: summaryErrors(request.t, state.errors),
  })
}

async function renderHealthcareForm(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: FormState,
  status = 200,
) {
  const episode = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'healthcare_use.form',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
    })
    return openEpisode(trx, person.id)
  })
  const occasion = (request.query as Record<string, unknown>).occasion
  const values = Object.keys(state.values).length
    ? state.values
    : {
        occasion:
          typeof occasion === 'string' && (healthcareOccasions as readonly string[]).includes(occasion) ? occasion : '',
      }
  return reply.code(status).view(views.healthcare, {
    title: request.t('contacts.healthcare.title'),
    person,
    hasEpisode: Boolean(episode),
    occasions: healthcareOccasions,
    questions: healthcareFields,
    maxVisits: MAX_VISITS,
    values: { preferNotToSay: [], ...values },
    errors: summaryErrors(request.t, state.errors),
  })
}

const body = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** Contacts with the person and their healthcare use (issue 5 §6, §10): the pages and the API. */
export async function contactRoutes(app: FastifyInstance): Promise<void> {
  app.get('/people/:id/contacts/new', { config: { action: 'contacts.record' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'contacts.record')
    return renderContactForm(app, request, reply, person, { values: {}, errors: [] })
  })

  app.post('/people/:id/contacts', { config: { action: 'contacts.record' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'contacts.record')
    const outcome = await recordContact(app, request, person, body(request))
    if (!outcome.ok)
      return renderContactForm(
        app,
        request,
        reply,
        person,
        { values: outcome.values, errors: outcome.errors },
        outcome.problem === 'no_open_episode' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}?contactRecorded=1#contacts`, 303)
  })

  app.get('/people/:id/healthcare-use/new', { config: { action: 'contacts.record' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'contacts.record')
    return renderHealthcareForm(app, request, reply, person, { values: {}, errors: [] })
  })

  app.post('/people/:id/healthcare-use', { config: { action: 'contacts.record' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'contacts.record')
    const outcome = await recordHealthcareUse(app, request, person, body(request))
    if (!outcome.ok)
      return renderHealthcareForm(
        app,
        request,
        reply,
        person,
        { values: outcome.values, errors: outcome.errors },
        outcome.problem === 'no_open_episode' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}?healthcareRecorded=1#contacts`, 303)
  })

  await contactsApi(app)
}
