import type { FastifyError, FastifyInstance } from 'fastify'
import FindMyWay from 'find-my-way'
import { isApiRequest } from './context.js'
import { HttpProblem, sendError, sendProblem } from './problems.js'

/**
 * Unknown paths answer 404 and known paths with the wrong method 405 (with Allow). Errors never show a stack
 * trace: users get the bilingual error page or a problem document, operators get a log line with the request id.
 */
export function installErrorHandling(app: FastifyInstance): void {
  const known = FindMyWay({ ignoreTrailingSlash: false })
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) known.on(method as 'GET', route.url, () => {})
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allowed = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => known.find(method as 'GET', path) !== null)
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendError(request, reply, 405, 'method_not_allowed', 'errors.methodNotAllowed.body')
    }
    return sendError(request, reply, 404, 'not_found', 'errors.notFound.body')
  })

  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    if (error instanceof HttpProblem) return sendError(request, reply, error.statusCode, error.code, error.messageKey, error.extra)
    if (error.validation) {
      const errors = error.validation.map((v) => ({ field: (v.instancePath || `/${(v.params as { missingProperty?: string }).missingProperty ?? ''}`).slice(1).replaceAll('/', '.'), message: v.message ?? 'invalid' }))
      if (isApiRequest(request)) return sendProblem(request, reply, 400, 'validation_failed', request.t('errors.validation'), { errors })
      return sendError(request, reply, 400, 'bad_request', 'errors.badRequest.body')
    }
    const status = error.statusCode ?? 500
    if (status === 413) return sendError(request, reply, 413, 'payload_too_large', 'errors.tooLarge.body')
    if (status === 415) return sendError(request, reply, 415, 'unsupported_media_type', 'errors.unsupportedMediaType.body')
    if (status === 429) return sendError(request, reply, 429, 'too_many_requests', 'errors.tooManyRequests.body')
    if (status >= 400 && status < 500) return sendError(request, reply, 400, 'bad_request', 'errors.badRequest.body')
    const unavailable = isDatabaseUnavailable(error)
    request.log.error({ err: { type: error.name, message: error.message, code: error.code, stack: error.stack } }, 'request failed')
    if (unavailable) return sendError(request, reply, 503, 'unavailable', 'errors.unavailable.body')
    return sendError(request, reply, 500, 'internal_error', 'errors.server.body')
  })
}

function isDatabaseUnavailable(error: { code?: string; message?: string }): boolean {
  return ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', 'ETIMEDOUT'].includes(error.code ?? '') || /Connection terminated/.test(error.message ?? '')
}
