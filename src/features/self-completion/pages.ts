/*
 * What every page opened by a single-use link shares (issue 6 §2, §5): the measure pages here (/q/<token>) and the
 * experience survey (/survey/<token>, features/experience). FOR THE EXPERIENCE SURVEY, use:
 *   - `linkRoute`             route options: action `public`, `Cache-Control: no-store`, `Referrer-Policy: no-referrer`
 *   - `openLinkPage(...)`     rate limit per address, look the token up, answer a link that opens nothing with a clear
 *                             page in the link's language (404 unknown; 410 used, expired, withdrawn) and return null;
 *                             or set the page's language to the link's (unless `?lng=` chose) and return the link
 *   - `renderLinkPage(...)`   render a template that extends `features/self-completion/views/link-layout.njk` (no
 *                             navigation, no sign-in, no signed-in user's name even if one is signed in)
 *   - `linkHref(...)`         a path within the link that keeps a language the person switched to
 *   - `linkAuditContext(...)` the audit context of the person: no actor, the link's organisation, no token
 *   - `linkMessagePage(...)`  a page that only says something (`views/link-message.njk`)
 *   - `useLinkLanguage(...)`  set the page's language to a link's (for a page past the link's use, e.g. thank you)
 * These stay stable; the token itself is never logged (platform/logger.ts redacts it) or put in the audit trail.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { AuditContext } from '../../platform/audit/audit.js'
import type { Language } from '../../platform/i18n/i18n.js'
import { RateLimiter } from '../../platform/security/rate-limit.js'
import { lookupLink, type OpenLink } from './links.js'
import type { LinkPurpose } from './schema.js'

const WINDOW_MS = 15 * 60 * 1000
/**
 * Link pages an address may open in 15 minutes. Answering the longest questionnaire one item a page, with the
 * language switched and answers changed, is well under 120 requests; guessing a 256-bit token is hopeless anyway,
 * and this keeps a script from hammering the lookups.
 */
export const LINK_LOOKUPS_PER_WINDOW = 120

const limiters = new WeakMap<FastifyInstance, RateLimiter>()
function limiterOf(app: FastifyInstance): RateLimiter {
  let limiter = limiters.get(app)
  if (!limiter) {
    limiter = new RateLimiter(LINK_LOOKUPS_PER_WINDOW, WINDOW_MS)
    limiters.set(app, limiter)
  }
  return limiter
}

/** Nothing a link page shows may be kept by a shared computer's cache, or sent on to another site as a referrer. */
async function linkHeaders(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('cache-control', 'no-store')
  reply.header('referrer-policy', 'no-referrer')
}

/** Route options for every link page: `app.get('/q/:token', linkRoute, handler)`. */
export const linkRoute: RouteShorthandOptions = { config: { action: 'public' }, onRequest: linkHeaders }

/** The page's language: the one the person chose with the language toggle (`?lng=`), else the link's. */
export function useLinkLanguage(app: FastifyInstance, request: FastifyRequest, linkLanguage: Language | null): void {
  const chosen = (request.query as Record<string, unknown> | undefined)?.lng
  const lang = chosen === 'cy' || chosen === 'en' ? chosen : (linkLanguage ?? request.lang)
  request.lang = lang
  request.t = app.deps.i18n.translator(lang)
}

/** A link page that only says something, in the page's language. */
export function linkMessagePage(reply: FastifyReply, status: number, titleKey: string, paragraphKeys: string[]): FastifyReply {
  const t = reply.request.t
  return renderLinkPage(reply.code(status), 'features/self-completion/views/link-message.njk', { title: t(titleKey), paragraphs: paragraphKeys.map((key) => t(key)) })
}

/**
 * The open link a token names, for the purpose the page serves; otherwise the reply is already sent (429, 404 or
 * 410 page) and the result is null. A token for another purpose is answered as unknown: it names nothing here.
 */
export async function openLinkPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string, purpose: LinkPurpose): Promise<OpenLink | null> {
  if (!limiterOf(app).take(request.ip)) {
    request.log.warn({ event: 'completion_link.rate_limited' }, 'single-use link rate limit reached')
    useLinkLanguage(app, request, null)
    return (linkMessagePage(reply, 429, 'selfCompletion.link.tooMany.title', ['selfCompletion.link.tooMany.body']), null)
  }
  const found = await lookupLink(app.deps.database.db, token)
  if (found.state === 'open' && found.link.purpose === purpose) {
    useLinkLanguage(app, request, found.link.language)
    return found.link
  }
  const state = found.state === 'open' ? 'unknown' : found.state
  useLinkLanguage(app, request, found.state === 'open' ? found.link.language : found.language)
  request.log.info({ event: 'completion_link.refused', state }, 'single-use link opens nothing')
  linkMessagePage(reply, state === 'unknown' ? 404 : 410, `selfCompletion.link.${state}.title`, [`selfCompletion.link.${state}.body`])
  return null
}

/** Renders a link page: never the signed-in user's name or navigation, whoever's browser it is. */
export function renderLinkPage(reply: FastifyReply, template: string, context: Record<string, unknown>): FastifyReply {
  return reply.view(template, { ...context, user: null, navigation: [], homeUrl: null })
}

/** A path within the link (`/q/<token>/3`), keeping the language the person switched to when it is not the link's. */
export function linkHref(request: FastifyRequest, link: Pick<OpenLink, 'language'>, path: string): string {
  if (request.lang === link.language) return path
  return `${path}${path.includes('?') ? '&' : '?'}lng=${request.lang}`
}

/** Who acts on a link page: nobody signed in (even if a practitioner's session is in the browser), for the link's organisation. */
export function linkAuditContext(request: FastifyRequest, link: Pick<OpenLink, 'organisationId'>): AuditContext {
  return { actorUserId: null, organisationId: link.organisationId, requestId: String(request.id), clientAddress: request.ip }
}
