import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, summaryErrors } from '../admin/fields.js'
import { deliver } from '../triage/notify.js'
import { todayInWales } from './dates.js'
import { insertConcern, notifyConcernRaised } from './repository.js'
import { validateConcern, WORDS_LIMIT } from './rules.js'
import { concernCategories, concernSubjects } from './schema.js'

/*
 * A community asset raises a concern about a person referred to it (CS Std 3 ¶55: "Community assets must be
 * supported and encouraged to report concerns, as they may notice early signs of harm"). It writes to the provider
 * that holds the record; the asset's user sees a confirmation and can never read the concern back (DESIGN §3: an
 * asset never sees safeguarding records). Scope: the organisation managing the service (action
 * asset.safeguarding.raise).
 */
const views = {
  raise: 'features/safeguarding/views/asset-raise.njk',
  sent: 'features/safeguarding/views/asset-sent.njk',
}

/** The referral named in the URL, when it was made to a service the user's organisation manages; 404 (audited) otherwise. */
async function loadReferral(app: FastifyInstance, request: FastifyRequest) {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const found = isUuid(id)
    ? await db
        .selectFrom('connections as c')
        .innerJoin('services as s', 's.id', 'c.service_id')
        .innerJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
        .select([
          'c.id',
          'c.person_id',
          'c.organisation_id',
          'c.need_to_know',
          's.name as service_name',
          's.name_cy as service_name_cy',
          'o.managed_by_organisation_id',
        ])
        .where('c.id', '=', id)
        .where('c.kind', '=', 'referral')
        .executeTakeFirst()
    : undefined
  if (!found) throw notFound()
  if (!can(request.user, 'asset.safeguarding.raise', { organisationId: found.managed_by_organisation_id })) {
    await audit(db, auditContext(request), {
      action: 'asset_safeguarding_concern.create',
      recordType: 'connection',
      recordId: found.id,
      outcome: 'refused',
      detail: { access: 'asset.safeguarding.raise' },
    })
    throw notFound()
  }
  return found
}

type Referral = Awaited<ReturnType<typeof loadReferral>>

async function renderRaise(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  referral: Referral,
  state: { values: object; errors: FieldError[] },
  status = 200,
) {
  // The form names the person (the name the referral shared): each showing is a read of personal data, audited.
  await app.deps.database.db.transaction().execute((trx) =>
    audit(trx, auditContext(request), {
      action: 'asset_safeguarding_concern.form',
      recordType: 'connection',
      recordId: referral.id,
    }),
  )
  return reply.code(status).view(views.raise, {
    title: request.t('safeguarding.asset.title'),
    connectionId: referral.id,
    // Only what the asset already sees of the person: the name, when the referral shared it.
    name: referral.need_to_know.name ?? null,
    serviceName: request.lang === 'cy' && referral.service_name_cy ? referral.service_name_cy : referral.service_name,
    categories: concernCategories,
    subjects: concernSubjects,
    wordsLimit: WORDS_LIMIT,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
  })
}

export async function assetSafeguardingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/asset/connections/:id/safeguarding/new',
    { config: { action: 'asset.safeguarding.raise' } },
    async (request, reply) => {
      const referral = await loadReferral(app, request)
      return renderRaise(app, request, reply, referral, { values: {}, errors: [] })
    },
  )

  app.post(
    '/asset/connections/:id/safeguarding',
    { config: { action: 'asset.safeguarding.raise' } },
    async (request, reply) => {
      const referral = await loadReferral(app, request)
      const now = new Date()
      const raw = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}
      const { value, values, errors } = validateConcern(raw, todayInWales(now), { escalation: false })
      if (errors.length > 0) return renderRaise(app, request, reply, referral, { values, errors }, 400)
      const notifications = await db.transaction().execute(async (trx) => {
        const person = { id: referral.person_id, organisation_id: referral.organisation_id }
        const created = await insertConcern(trx, {
          person,
          form: value,
          userId: request.user?.userId ?? null,
          side: 'asset',
          connectionId: referral.id,
          now,
        })
        const notified = await notifyConcernRaised(trx, {
          organisationId: referral.organisation_id,
          connectionId: referral.id,
          practitionerId: created.practitionerId,
          now,
        })
        await audit(trx, auditContext(request), {
          action: 'asset_safeguarding_concern.create',
          recordType: 'safeguarding_concern',
          recordId: created.id,
          organisationId: referral.organisation_id,
          detail: { connectionId: referral.id, category: value.category, notified: notified.length },
        })
        return notified
      })
      for (const notification of notifications) await deliver(app, request, notification)
      return reply.redirect(`/asset/connections/${referral.id}/safeguarding/sent`, 303)
    },
  )

  // The confirmation names nothing of the concern: the asset cannot read back what it sent.
  app.get(
    '/asset/connections/:id/safeguarding/sent',
    { config: { action: 'asset.safeguarding.raise' } },
    async (request, reply) => {
      const referral = await loadReferral(app, request)
      return reply.view(views.sent, { title: request.t('safeguarding.asset.sentTitle'), connectionId: referral.id })
    },
  )
}
