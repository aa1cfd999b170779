import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Translate } from '../../platform/i18n/i18n.js'
import { sendProblem } from '../../platform/http/problems.js'
import type { FilterError, ParsedReportQuery } from './filters.js'

/**
 * How the API and the pages answer a refused report query (for the engine's and the presentation's routes), so
 * both word it the same way in the request's language.
 */

/** API: 400 `validation_failed` or 403 `forbidden`, application/problem+json, with each field and its message. */
export function sendFilterProblem(request: FastifyRequest, reply: FastifyReply, refused: Extract<ParsedReportQuery, { ok: false }>) {
  const errors = refused.errors.map((e) => ({ field: e.field, message: request.t(e.key) }))
  if (refused.status === 400) return sendProblem(request, reply, 400, 'validation_failed', request.t('errors.validation'), { errors })
  return sendProblem(request, reply, 403, 'forbidden', errors.map((e) => e.message).join(' '), { errors })
}

/** Pages: the error summary's list; a date links to its day box, as the GOV.UK date input expects. */
export function filterSummaryErrors(t: Translate, errors: FilterError[]) {
  return errors.map((e) => ({ field: e.field, text: t(e.key), href: e.field === 'from' || e.field === 'to' ? `#${e.field}-day` : `#${e.field}` }))
}
