import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../platform/http/problems.js'
import type { FieldError } from '../referrals/referral-input.js'
import { createProfessionalReferral } from './create-referral.js'
import { type FormValues, formValues, initialValues, summaryErrors } from './form-fields.js'
import { formView, organisationName } from './form-view.js'
import { canFollowSent } from './outcome.js'
import { findSentBy, localAuthorities, providerOrganisations } from './queries.js'

const views = {
  form: 'features/referring/views/new.njk',
  confirmation: 'features/referring/views/confirmation.njk',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The professional referral form (one page in sections) and its confirmation. */
export async function formRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: FieldError[],
    status = 200,
  ) => {
    const lookups = { localAuthorities: await localAuthorities(db), providers: await providerOrganisations(db) }
    return reply.code(status).view(views.form, {
      title: request.t('referring.form.title'),
      values,
      dateOfBirth: {
        day: values['dateOfBirth-day'],
        month: values['dateOfBirth-month'],
        year: values['dateOfBirth-year'],
      },
      errors: summaryErrors(request.t, errors),
      ...formView(request.t, request.lang, values, lookups),
    })
  }

  app.get('/referrals/new', { config: { action: 'referrals.create' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw notFound()
    return render(request, reply, initialValues(user), [])
  })

  app.post('/referrals/new', { config: { action: 'referrals.create' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const result = await createProfessionalReferral(db, request, body, 'professional_form')
    if (!result.ok) return render(request, reply, formValues(body), result.errors, 400)
    return reply.redirect(`/referrals/sent/${result.referralId}/confirmation`, 303)
  })

  app.get('/referrals/sent/:id/confirmation', { config: { action: 'referrals.create' } }, async (request, reply) => {
    const id = (request.params as { id: string }).id
    const user = request.user
    const sent = user && UUID.test(id) ? await findSentBy(db, id, user.userId) : undefined
    if (!sent) throw notFound()
    return reply.view(views.confirmation, {
      title: request.t('referring.confirmation.title'),
      referral: { ...sent, receiverName: organisationName(sent, request.lang) },
      canFollow: canFollowSent(user),
    })
  })
}
