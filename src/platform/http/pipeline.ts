import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import { can, isAction } from '../access/policy.js'
import { chooseLanguage, type I18n } from '../i18n/i18n.js'
import { resolveApiToken } from '../security/api-tokens.js'
import { resolveSession } from '../security/sessions.js'
import { hmacBytes, mask, randomToken, unmask } from '../security/tokens.js'
import { isApiRequest } from './context.js'
import { sendError, sendProblem } from './problems.js'

export const cookies = { session: 'cyswllt_session', csrf: 'cyswllt_csrf', lang: 'cyswllt_lang' } as const

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const ONE_YEAR_S = 365 * 24 * 60 * 60

export function cookieOptions(config: Config, maxAge?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, ...(maxAge ? { maxAge } : {}) }
}

function isAsset(request: FastifyRequest): boolean {
  return request.url.startsWith('/assets/')
}

/**
 * The request pipeline every route passes through, in order:
 * language → who is signing in (session cookie or bearer token) → access policy → CSRF.
 */
export function installPipeline(app: FastifyInstance, deps: { config: Config; database: Database; i18n: I18n }): void {
  const { config, database, i18n } = deps
  const db = database.db

  app.decorateRequest('lang', 'en')
  app.decorateRequest('t', null as never)
  app.decorateRequest('user', null)
  app.decorateRequest('authVia', null)
  app.decorateRequest('sessionIdHash', null)

  // The CSRF token is an HMAC of a random per-browser cookie: forms carry it, cross-site posts cannot know it (ADR
  // 0003). The cookie is minted when a page first asks for the token, not on every request: API and ORUK reads,
  // which never render a form, pay for neither the random bytes, the HMAC nor the Set-Cookie. Each response hands
  // it out masked with fresh random bytes, because pages are compressed (ADR 0015).
  const csrfSeedOf = (request: FastifyRequest): string | undefined => {
    const seed = request.cookies[cookies.csrf]
    return seed && seed.length >= 20 ? seed : undefined
  }
  app.decorateReply('csrfToken', function (this: FastifyReply): string {
    const request = this.request
    let seed = csrfSeedOf(request)
    if (!seed) {
      seed = randomToken()
      this.setCookie(cookies.csrf, seed, cookieOptions(config))
      request.cookies[cookies.csrf] = seed
    }
    return mask(hmacBytes(config.sessionSecret, seed))
  })
  const csrfMatches = (sent: string, seed: string): boolean => {
    const expected = hmacBytes(config.sessionSecret, seed)
    const token = unmask(sent, expected.length)
    return token !== null && timingSafeEqual(token, expected)
  }

  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown>
    request.lang = chooseLanguage(query.lng, request.cookies[cookies.lang], request.headers['accept-language'])
    request.t = i18n.translator(request.lang)
    if (query.lng === 'cy' || query.lng === 'en') reply.setCookie(cookies.lang, query.lng, { ...cookieOptions(config, ONE_YEAR_S), httpOnly: false })
  })

  app.addHook('onRequest', async (request, reply) => {
    if (isAsset(request)) return
    const authorization = request.headers.authorization
    if (authorization && isApiRequest(request)) {
      const [scheme, token] = authorization.split(' ')
      const user = scheme?.toLowerCase() === 'bearer' && token ? await resolveApiToken(db, token) : null
      if (!user) return sendProblem(request, reply, 401, 'invalid_token', request.t('errors.invalidToken'))
      request.user = { ...user, authenticatedBy: 'token' }
      request.authVia = 'token'
      return
    }
    const sessionId = request.cookies[cookies.session]
    if (sessionId) {
      const state = await resolveSession(db, sessionId)
      if (state.status === 'valid') {
        request.user = { ...state.user, authenticatedBy: 'session' }
        request.authVia = 'session'
        request.sessionIdHash = state.idHash ?? null
      } else {
        reply.clearCookie(cookies.session, { path: '/' })
        if (state.status === 'expired') (request as FastifyRequest & { sessionExpired?: boolean }).sessionExpired = true
      }
    }
  })

  app.addHook('preValidation', async (request, reply) => {
    if (request.is404) return
    const action = request.routeOptions.config.action
    // A route that forgot to declare its action is refused, never let through.
    if (!isAction(action)) return sendError(request, reply, 403, 'forbidden', 'errors.forbidden.body')
    if (!can(request.user, action)) return refuse(request, reply)
    if (UNSAFE_METHODS.has(request.method) && request.authVia !== 'token') {
      const body = request.body as Record<string, unknown> | undefined
      const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token']
      // Without the cookie there is nothing a token could match: refused (the error page mints one for the retry).
      const seed = csrfSeedOf(request)
      if (typeof sent !== 'string' || !seed || !csrfMatches(sent, seed)) {
        request.log.warn({ event: 'csrf.refused', route: request.routeOptions.url }, 'CSRF token missing or wrong')
        return sendError(request, reply, 403, 'csrf_failed', 'errors.csrf.body')
      }
    }
  })
}

/** No user: send pages to sign-in (and back afterwards), API calls get 401. A user without the right: 403. */
function refuse(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (request.user) return sendError(request, reply, 403, 'forbidden', 'errors.forbidden.body')
  if (isApiRequest(request)) return sendProblem(request, reply, 401, 'unauthenticated', request.t('errors.unauthenticated'))
  const expired = (request as FastifyRequest & { sessionExpired?: boolean }).sessionExpired
  const returnTo = request.method === 'GET' ? `&returnTo=${encodeURIComponent(request.url)}` : ''
  return reply.redirect(`/sign-in?${expired ? 'expired=1' : 'required=1'}${returnTo}`, 303)
}
