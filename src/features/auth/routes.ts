import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { cookieOptions, cookies } from '../../platform/http/pipeline.js'
import { RateLimiter } from '../../platform/security/rate-limit.js'
import { verifyPassword } from '../../platform/security/passwords.js'
import { createSession, destroySession } from '../../platform/security/sessions.js'
import { randomToken } from '../../platform/security/tokens.js'
import { afterFailedAttempt, findUserForSignIn, isLocked, safeReturnTo, validateSignIn } from './sign-in.js'

const FIFTEEN_MINUTES = 15 * 60 * 1000
const view = 'features/auth/views/sign-in.njk'

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { config, database } = app.deps
  const db = database.db
  // Per address and per account, so one machine cannot guess many accounts nor many machines one account.
  const perAddress = new RateLimiter(config.signInRateLimitPerIp, FIFTEEN_MINUTES)
  const perAccount = new RateLimiter(20, FIFTEEN_MINUTES)

  const render = (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: { field: string; key: string; params?: Record<string, string> }[], status = 200) => {
    const t = request.t
    const list = errors.map((e) => ({ field: e.field, text: t(e.key, e.params), href: `#${e.field}` }))
    const query = request.query as Record<string, string | undefined>
    return reply.code(status).view(view, {
      title: t('auth.signIn.title'),
      values,
      errors: list,
      returnTo: safeReturnTo(values.returnTo ?? query.returnTo),
      notice: query.expired ? t('auth.signIn.expired') : query.required ? t('auth.signIn.required') : query.signedOut ? t('auth.signIn.signedOut') : null,
    })
  }

  app.get('/sign-in', { config: { action: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect('/home', 303)
    return render(request, reply, {}, [])
  })

  app.post('/sign-in', { config: { action: 'public' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const { form, errors } = validateSignIn(body)
    const values = { email: typeof body.email === 'string' ? body.email.slice(0, 254) : '', returnTo: body.returnTo }
    if (errors.length > 0) return render(request, reply, values, errors, 400)
    if (!perAddress.take(request.ip) || !perAccount.take(form.email)) {
      request.log.warn({ event: 'sign_in.rate_limited' }, 'sign-in rate limit reached')
      return render(request, reply, values, [{ field: 'email', key: 'auth.signIn.errors.tooMany' }], 429)
    }

    const now = new Date()
    const user = await findUserForSignIn(db, form.email)
    if (user && isLocked(user.locked_until, now)) {
      await audit(db, auditContext(request), { action: 'session.sign_in', recordType: 'user', recordId: user.id, organisationId: user.organisation_id, outcome: 'refused', detail: { reason: 'locked' } })
      return render(request, reply, values, [{ field: 'email', key: 'auth.signIn.errors.locked', params: { minutes: String(Math.ceil(((user.locked_until as Date).getTime() - now.getTime()) / 60000)) } }], 423)
    }
    const ok = await verifyPassword(user?.password_hash ?? null, form.password)
    if (!user || !ok || !user.active) {
      if (user) {
        const next = afterFailedAttempt(user.failed_sign_ins, now)
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('users').set({ failed_sign_ins: next.failed, locked_until: next.lockedUntil }).where('id', '=', user.id).execute()
          await audit(trx, auditContext(request), { action: next.lockedUntil ? 'user.lock' : 'session.sign_in', recordType: 'user', recordId: user.id, organisationId: user.organisation_id, outcome: 'failed' })
        })
        if (next.lockedUntil) return render(request, reply, values, [{ field: 'email', key: 'auth.signIn.errors.locked', params: { minutes: '15' } }], 423)
      }
      return render(request, reply, values, [{ field: 'email', key: 'auth.signIn.errors.wrong' }], 401)
    }

    // A new session id at every sign-in, and the old one ended, so a planted cookie is worthless.
    if (request.sessionIdHash) await destroySession(db, request.sessionIdHash)
    const session = await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now }).where('id', '=', user.id).execute()
      const created = await createSession(trx, user.id, now)
      await audit(trx, { ...auditContext(request), actorUserId: user.id, organisationId: user.organisation_id }, { action: 'session.sign_in', recordType: 'user', recordId: user.id })
      return created
    })
    reply.setCookie(cookies.session, session.id, cookieOptions(config))
    reply.setCookie(cookies.csrf, randomToken(), cookieOptions(config))
    return reply.redirect(safeReturnTo(body.returnTo), 303)
  })

  app.post('/sign-out', { config: { action: 'public' } }, async (request, reply) => {
    if (request.sessionIdHash && request.user) {
      const idHash = request.sessionIdHash
      await db.transaction().execute(async (trx) => {
        await destroySession(trx, idHash)
        await audit(trx, auditContext(request), { action: 'session.sign_out', recordType: 'user', recordId: request.user?.userId })
      })
    }
    reply.clearCookie(cookies.session, { path: '/' })
    reply.setCookie(cookies.csrf, randomToken(), cookieOptions(config))
    return reply.redirect('/sign-in?signedOut=1', 303)
  })
}
