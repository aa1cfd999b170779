import type { FastifyRequest } from 'fastify'
import type { Actor, Action } from '../access/policy.js'
import type { AuditContext } from '../audit/audit.js'
import type { Language, Translate } from '../i18n/i18n.js'

/** What the pages need to know about who is signed in, beyond the access-policy actor. */
export interface SignedInUser extends Actor {
  name: string
  email: string
  organisationName: string
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language
    t: Translate
    user: SignedInUser | null
    /** How the user was recognised: the pages' session cookie or a personal API token. */
    authVia: 'session' | 'token' | null
    sessionIdHash: string | null
  }
  interface FastifyReply {
    /**
     * This browser's CSRF token for a form or an `x-csrf-token` header (ADR 0003). Asking for it sets the browser's
     * CSRF cookie when it has none, so only responses that hand out a token set one.
     */
    csrfToken(): string
  }
  interface FastifyContextConfig {
    /** The access-policy action this route performs. Required on every route (see platform/access). */
    action?: Action
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api/v1' || request.url.startsWith('/api/')
}

export function auditContext(request: FastifyRequest): AuditContext {
  return {
    actorUserId: request.user?.userId ?? null,
    organisationId: request.user?.organisationId ?? null,
    requestId: String(request.id),
    clientAddress: request.ip,
  }
}
