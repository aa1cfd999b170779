import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentOnly, problemResponse } from '../../platform/http/api.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { changeFromInput, isChangeInput, isTotalInput, scoreFromTotal } from './api-change.js'
import { answersFromInput, InvalidResponse } from './api-input.js'
import { catalogue, describeInstrument } from './catalogue.js'
import { type InstrumentId, instrumentIds, isInstrumentId } from './contract.js'
import { rulesOf } from './scoring/index.js'

/*
 * The scoring API (policy action instruments.view: any signed-in user or API token; no personal data is stored or
 * read, so nothing is audited). Input and output follow reference/test-vectors.json field for field.
 */

const tags = ['Instruments']
const idParams = { type: 'object', properties: { id: { type: 'string', enum: [...instrumentIds] } }, required: ['id'] } as const
const open = { type: 'object', additionalProperties: true } as const
const errors = { 404: problemResponse('No such instrument'), 422: problemResponse('invalid_response: an answer out of range, of the wrong type, an unknown code or item, or the wrong number of items') }

const idOf = (request: FastifyRequest): InstrumentId => {
  const id = (request.params as { id: string }).id
  if (!isInstrumentId(id)) throw notFound()
  return id
}

function invalid(request: FastifyRequest, reply: FastifyReply, error: InvalidResponse): FastifyReply {
  const list = error.problems.map((p) => ({ field: p.item, message: request.t(`instruments.problems.${p.problem}`, { item: p.item }) }))
  return sendProblem(request, reply, 422, 'invalid_response', list.map((e) => e.message).join(' '), { errors: list })
}

/** Runs a scoring function, answering 422 invalid_response for what the instrument cannot take. */
function scored(request: FastifyRequest, reply: FastifyReply, run: () => Record<string, unknown>) {
  try {
    return reply.send({ instrumentId: idOf(request), ...run() })
  } catch (error) {
    if (error instanceof InvalidResponse) return invalid(request, reply, error)
    throw error
  }
}

export async function instrumentsApi(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/instruments', { config: { action: 'instruments.view' }, schema: { tags, summary: 'The instruments, how each is scored, and what is provisional', response: { 200: open } } }, async () => ({ instruments: catalogue() }))

  app.get('/api/v1/instruments/:id', { config: { action: 'instruments.view' }, schema: { tags, summary: 'One instrument', params: idParams, response: { 200: open, 404: errors[404] } }, ...documentOnly }, async (request) => describeInstrument(idOf(request)))

  app.post(
    '/api/v1/instruments/:id/score',
    {
      config: { action: 'instruments.view' },
      schema: {
        tags,
        summary: 'Score one measure (or, given baseline and follow-up, a change)',
        description:
          'Body: {responses:[…]} in item order (numbers or codes, null for missing); UCLA {responses:[codes]} and/or {coded:[1–3]}; ONS4 {answers:{satisfaction,worthwhile,happiness,anxiety}}; De Jong Gierveld {emotional:[3], social:[3]} (yes / more_or_less / no, or yes! … no!); the direct question {response:"occasionally"}; entered scores as fields ({concern1, concern2, wellbeing}); or a lone score ({raw: 23} for SWEMWBS, {total: 45}, {metric: 20.73}). Answers keyed by item id work for every instrument. Unscorable values are null.',
        params: idParams,
        body: open,
        response: { 200: open, ...errors },
      },
      ...documentOnly,
    },
    async (request, reply) =>
      scored(request, reply, () => {
        const id = idOf(request)
        const body = request.body
        if (isChangeInput(body)) return changeFromInput(id, body)
        if (isTotalInput(body)) return scoreFromTotal(id, body as Record<string, unknown>)
        return rulesOf(id).score(answersFromInput(id, body)).report
      }),
  )

  app.post(
    '/api/v1/instruments/:id/change',
    {
      config: { action: 'instruments.view' },
      schema: {
        tags,
        summary: 'Individual or cohort change',
        description:
          'Individual: {baseline, followUp} as response sets or score bodies, {baselineTotal, followUpTotal}, SWEMWBS {baselineRaw, followUpRaw} or {baselineMetric, followUpMetric}. Cohort: the same fields holding one entry per person (paired by position; null where a time point is missing). Thresholds are “at least”, in the better direction, reported as meetsLenient_N / exceedsLenient_N alike.',
        params: idParams,
        body: open,
        response: { 200: open, ...errors },
      },
      ...documentOnly,
    },
    async (request, reply) =>
      scored(request, reply, () => {
        if (!isChangeInput(request.body)) throw new InvalidResponse([{ item: 'body', problem: 'not_scorable_shape' }])
        return changeFromInput(idOf(request), request.body)
      }),
  )
}
