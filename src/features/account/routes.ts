import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { can } from '../../platform/access/policy.js'
import { RateLimiter } from '../../platform/security/rate-limit.js'
import { hashPassword, verifyPassword } from '../../platform/security/passwords.js'
import { accountApiRoutes } from './api.js'
import { validatePasswordChange, type PasswordFieldError } from './password.js'
import { tokenPageRoutes } from './token-pages.js'

const FIFTEEN_MINUTES = 15 * 60 * 1000

/** The signed-in user's own account: details, password, personal API tokens (pages and API). */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  // A stolen session must not become a way to guess the password: checks of the current one are limited per user.
  const currentChecks = new RateLimiter(10, FIFTEEN_MINUTES)

  app.get('/account', { config: { action: 'account.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const row = await db
      .selectFrom('users')
      .select(['last_sign_in_at', 'password_changed_at'])
      .where('id', '=', user.userId)
      .executeTakeFirstOrThrow()
    const query = request.query as Record<string, unknown>
    return reply.view('features/account/views/account.njk', {
      title: request.t('account.overview.title'),
      account: {
        ...user,
        roleLabels: user.roles.map((role) => request.t(`common.roles.${role}`)),
        lastSignInAt: row.last_sign_in_at,
        passwordChangedAt: row.password_changed_at,
      },
      changed: query.changed === '1',
    })
  })

  const renderPassword = (request: FastifyRequest, reply: FastifyReply, errors: PasswordFieldError[], status = 200) =>
    reply.code(status).view('features/account/views/password.njk', {
      title: request.t('account.password.title'),
      errors: errors.map((e) => ({ field: e.field, text: request.t(e.key), href: `#${e.field}` })),
    })

  app.get('/account/password', { config: { action: 'account.change_password' } }, async (request, reply) =>
    renderPassword(request, reply, []),
  )

  app.post('/account/password', { config: { action: 'account.change_password' } }, async (request, reply) => {
    const user = request.user
    if (!user || !can(user, 'account.change_password', { organisationId: user.organisationId, userId: user.userId }))
      throw forbidden()
    const { form, errors } = validatePasswordChange((request.body ?? {}) as Record<string, unknown>)

    if (form.currentPassword && !errors.some((e) => e.field === 'currentPassword')) {
      if (!currentChecks.take(user.userId)) {
        request.log.warn({ event: 'change_password.rate_limited' }, 'too many checks of the current password')
        return renderPassword(
          request,
          reply,
          [{ field: 'currentPassword', key: 'account.password.errors.tooMany' }],
          429,
        )
      }
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.userId)
        .executeTakeFirstOrThrow()
      if (!(await verifyPassword(row.password_hash, form.currentPassword))) {
        await audit(db, auditContext(request), {
          action: 'user.change_password',
          recordType: 'user',
          recordId: user.userId,
          outcome: 'failed',
          detail: { reason: 'current_password_wrong' },
        })
        errors.unshift({ field: 'currentPassword', key: 'account.password.errors.currentWrong' })
      } else if (errors.length === 0) {
        const hash = await hashPassword(form.newPassword)
        const keep = request.sessionIdHash
        await db.transaction().execute(async (trx) => {
          const now = new Date()
          await trx
            .updateTable('users')
            .set({ password_hash: hash, password_changed_at: now, updated_at: now })
            .where('id', '=', user.userId)
            .execute()
          // Everywhere else this account is signed in ends now; this browser stays signed in.
          let others = trx.deleteFrom('sessions').where('user_id', '=', user.userId)
          if (keep) others = others.where('id_hash', '!=', keep)
          const ended = await others.executeTakeFirst()
          await audit(trx, auditContext(request), {
            action: 'user.change_password',
            recordType: 'user',
            recordId: user.userId,
            detail: { otherSessionsEnded: Number(ended.numDeletedRows) },
          })
        })
        return reply.redirect('/account?changed=1', 303)
      }
    }
    return renderPassword(request, reply, errors, 400)
  })

  await tokenPageRoutes(app)
  await accountApiRoutes(app)
}
