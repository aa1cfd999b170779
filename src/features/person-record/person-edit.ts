import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { vocabulary } from '../people/vocabulary.js'
import { loadPerson, personFacts } from './person-page.js'
import { changedColumns, choiceFields, type FormValues, validatePersonEdit, valuesFromPerson } from './person-form.js'
import type { PersonRow } from './person-queries.js'

const view = 'features/person-record/views/person-edit.njk'

export async function personEditRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const render = (request: FastifyRequest, reply: FastifyReply, person: PersonRow, values: FormValues, errors: FieldError[], status = 200) =>
    reply.code(status).view(view, {
      title: request.t('personRecord.edit.title', { name: `${person.given_name} ${person.family_name}` }),
      person,
      facts: personFacts(person, request.lang),
      values,
      vocabulary,
      choices: choiceFields.map(([field, , list]) => ({ field, list })),
      errors: summaryErrors(request.t, errors),
    })

  app.get('/people/:id/edit', { config: { action: 'people.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, 'people.manage')
    // The form shows personal data, so showing it is a read like the person page.
    await audit(db, auditContext(request), { action: 'person.view', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { page: 'edit' } })
    return render(request, reply, person, valuesFromPerson(person), [])
  })

  app.post('/people/:id/edit', { config: { action: 'people.manage' } }, async (request, reply) => {
    const person = await loadPerson(app, request, 'people.manage')
    const { update, values, errors } = validatePersonEdit((request.body ?? {}) as Record<string, unknown>, { child: personFacts(person, request.lang).child })
    if (errors.length > 0) return render(request, reply, person, values, errors, 400)
    const changed = changedColumns(person, update)
    if (changed.length > 0) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('people')
          .set({ ...update, updated_at: new Date() })
          .where('id', '=', person.id)
          .execute()
        await audit(trx, auditContext(request), { action: 'person.update', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { fields: changed } })
      })
    }
    return reply.redirect(`/people/${person.id}?updated=1`, 303)
  })
}
