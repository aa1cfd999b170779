import type { FastifyReply, FastifyRequest } from 'fastify'
import { isApiRequest } from './context.js'

/**
 * An error a handler raises on purpose. Pages show the message for `messageKey` in the user's language; the API
 * answers `application/problem+json` (RFC 9457) with the machine-readable `code`.
 */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageKey: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code)
    this.name = 'HttpProblem'
  }
}

export const forbidden = () => new HttpProblem(403, 'forbidden', 'errors.forbidden.body')
export const notFound = () => new HttpProblem(404, 'not_found', 'errors.notFound.body')

const titles: Record<number, string> = {
  400: 'errors.badRequest.title',
  401: 'errors.unauthorised.title',
  403: 'errors.forbidden.title',
  404: 'errors.notFound.title',
  405: 'errors.methodNotAllowed.title',
  409: 'errors.conflict.title',
  422: 'errors.validationFailed.title',
  413: 'errors.tooLarge.title',
  415: 'errors.unsupportedMediaType.title',
  429: 'errors.tooManyRequests.title',
  503: 'errors.unavailable.title',
}

export function titleKey(status: number): string {
  return titles[status] ?? 'errors.server.title'
}

/** Where the page wording speaks of pages and web addresses, API callers get wording about requests. */
const apiTitles: Record<number, string> = { 403: 'errors.api.forbiddenTitle', 404: 'errors.api.notFoundTitle', 405: 'errors.api.methodNotAllowedTitle' }
const apiDetails: Record<string, string> = {
  'errors.forbidden.body': 'errors.api.forbidden',
  'errors.notFound.body': 'errors.api.notFound',
  'errors.methodNotAllowed.body': 'errors.api.methodNotAllowed',
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: `https://cyswllt.example/problems/${code}`, title: request.t(apiTitles[status] ?? titleKey(status)), status, code, detail, instance: request.url, requestId: request.id, ...extra })
}

/** Answers with the error page (HTML) or a problem document (API), in the request's language. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, messageKey: string, extra: Record<string, unknown> = {}): FastifyReply {
  if (isApiRequest(request) || !request.t) return sendProblem(request, reply, status, code, request.t ? request.t(apiDetails[messageKey] ?? messageKey) : code, extra)
  // A refused form's page has no form of its own, but the browser needs a CSRF cookie to send the form again.
  if (code === 'csrf_failed') reply.csrfToken()
  return reply.code(status).view('platform/views/error.njk', { title: request.t(titleKey(status)), message: request.t(messageKey), status })
}
