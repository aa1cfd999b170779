import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { roles } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, organisationName, queryValue, summaryErrors } from './fields.js'
import { teamChoices } from '../teams/queries.js'
import { organisationChoices } from './organisations-queries.js'
import { listHref, pagination, parsePage } from './paging.js'
import { parseUserFilters, type UserValues } from './user-form.js'
import { findUser, isUserLocked, listUsers, type UserRow } from './users-queries.js'
import { createUser, resetPassword, saveUser, unlockUser } from './users-save.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

const views = {
  list: 'features/admin/views/users.njk',
  create: 'features/admin/views/user-new.njk',
  edit: 'features/admin/views/user.njk',
  password: 'features/admin/views/user-password.njk',
}

const notices = ['created', 'saved', 'unlocked'] as const

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const organisationItems = async (request: FastifyRequest) =>
    (await organisationChoices(db)).map((o) => ({ value: o.id, text: organisationName(o, request.lang) })).sort((a, b) => a.text.localeCompare(b.text, request.lang))

  /** The team select: the chosen organisation's current teams (and the user's own, even archived). */
  const teamItems = async (request: FastifyRequest, organisationId: string, currentTeamId: string | null) =>
    isUuid(organisationId) ? (await teamChoices(db, organisationId, currentTeamId)).map((team) => ({ value: team.id, text: request.lang === 'cy' && team.name_cy ? team.name_cy : team.name })) : []

  const statusOf = (row: UserRow) => (!row.active ? 'inactive' : isUserLocked(row) ? 'locked' : 'active')

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, values: UserValues, errors: FieldError[], status = 200) =>
    reply.code(status).view(views.create, { title: request.t('admin.users.newTitle'), values, roles, organisations: await organisationItems(request), teams: await teamItems(request, values.organisationId, null), errors: summaryErrors(request.t, errors) })

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, user: UserRow, values: UserValues, errors: FieldError[], status = 200) => {
    const notice = notices.find((n) => queryValue((request.query as Record<string, unknown>)[n]) === '1')
    return reply.code(status).view(views.edit, {
      title: user.name,
      account: { ...user, status: statusOf(user), isSelf: user.id === request.user?.userId },
      values,
      roles,
      organisations: await organisationItems(request),
      teams: await teamItems(request, values.organisationId, user.team_id),
      errors: summaryErrors(request.t, errors),
      notice: errors.length === 0 && notice ? request.t(`admin.users.notices.${notice}`) : null,
    })
  }

  const valuesOf = (user: UserRow): UserValues => ({ name: user.name, email: user.email, organisationId: user.organisation_id, roles: user.roles, active: user.active ? 'yes' : 'no', teamId: user.team_id ?? '' })

  /** The user named in the URL, or the 404 page; checked against the policy for their organisation. */
  const load = async (request: FastifyRequest, action: 'admin.users.view' | 'admin.users.manage', reader = db) => {
    const id = (request.params as { id: string }).id
    const user = isUuid(id) ? await findUser(reader, id) : undefined
    if (!user) throw notFound()
    if (!can(request.user, action, { organisationId: user.organisation_id })) throw forbidden()
    return user
  }

  app.get('/admin/users', { config: { action: 'admin.users.view' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const { filters, values } = parseUserFilters(query)
    const page = parsePage(query.page)
    const organisations = await organisationItems(request)
    const { rows, total } = await db.transaction().execute(async (trx) => {
      const found = await listUsers(trx, filters, page)
      await audit(trx, auditContext(request), { action: 'user.list', recordType: 'user', detail: { filters: Object.keys(filters).sort(), page, count: found.rows.length } })
      return found
    })
    const href = (n: number) => listHref('/admin/users', { ...values }, n)
    return reply.view(views.list, {
      title: request.t('admin.users.title'),
      values,
      roles,
      organisations,
      total,
      users: rows.map((row) => ({ ...row, status: statusOf(row), organisationName: organisationName({ name: row.organisation_name, name_cy: row.organisation_name_cy }, request.lang) })),
      pagination: pagination(page, total, href, (n) => request.t('admin.paging.page', { number: n })),
    })
  })

  app.get('/admin/users/new', { config: { action: 'admin.users.manage' } }, async (request, reply) => {
    const organisation = queryValue((request.query as Record<string, unknown>).organisation)
    return renderNew(request, reply, { name: '', email: '', organisationId: organisation, roles: [], active: 'yes' }, [])
  })

  app.post('/admin/users', { config: { action: 'admin.users.manage' } }, async (request, reply) => {
    const result = await createUser(db, request, (request.body ?? {}) as Record<string, unknown>)
    if (!result.ok) return renderNew(request, reply, result.values, result.errors, 400)
    if (!result.generatedPassword) return reply.redirect(`/admin/users/${result.id}?created=1`, 303)
    const user = (await findUser(db, result.id)) as UserRow
    return showPassword(request, reply, user, result.generatedPassword, 'created')
  })

  app.get('/admin/users/:id', { config: { action: 'admin.users.view' } }, async (request, reply) => {
    const user = await db.transaction().execute(async (trx) => {
      const found = await load(request, 'admin.users.view', trx)
      await audit(trx, auditContext(request), { action: 'user.view', recordType: 'user', recordId: found.id, organisationId: found.organisation_id })
      return found
    })
    return renderEdit(request, reply, user, valuesOf(user), [])
  })

  app.post('/admin/users/:id', { config: { action: 'admin.users.manage' } }, async (request, reply) => {
    const user = await load(request, 'admin.users.manage')
    const result = await saveUser(db, request, user, (request.body ?? {}) as Record<string, unknown>)
    if (!result.ok) return renderEdit(request, reply, user, result.values, result.errors, 400)
    return reply.redirect(`/admin/users/${user.id}?saved=1`, 303)
  })

  app.post('/admin/users/:id/unlock', { config: { action: 'admin.users.manage' } }, async (request, reply) => {
    const user = await load(request, 'admin.users.manage')
    await unlockUser(db, request, user)
    return reply.redirect(`/admin/users/${user.id}?unlocked=1`, 303)
  })

  app.post('/admin/users/:id/reset-password', { config: { action: 'admin.users.manage' } }, async (request, reply) => {
    const user = await load(request, 'admin.users.manage')
    const password = await resetPassword(db, request, user)
    return showPassword(request, reply, user, password, 'reset')
  })
}

/**
 * The one time a password Cyswllt chose is shown. Answered straight from the POST (not redirect-then-GET) because
 * the password exists nowhere else; `no-store` keeps it out of caches and the browser's history.
 */
function showPassword(request: FastifyRequest, reply: FastifyReply, user: UserRow, password: string, kind: 'created' | 'reset') {
  showsSecretOnce(reply)
  return reply.view(views.password, { title: request.t(`admin.users.password.${kind}Title`), account: user, password, kind })
}
