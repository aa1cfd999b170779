import type { FastifyInstance, FastifyRequest } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { isLanguage } from '../../platform/i18n/i18n.js'
import { coverageStatuses, coverageSummary, outsideReasons } from './coverage.js'
import { statementJson } from './present.js'
import { statementOf, statements } from './statements.js'

const tags = ['Core Data Set']

const statementSchema = {
  type: 'object',
  properties: {
    number: { type: 'integer', minimum: 1, maximum: 125 },
    cluster: { type: 'integer' },
    statement: { type: 'string', description: 'As published (English only)' },
    bridgingValue: { type: 'number' },
    importance: { type: 'number' },
    easeOfCollection: { type: 'number' },
    typeOfData: { type: 'string', description: 'As printed, e.g. "ILO & PLO"' },
    rbaQuestion: {
      type: 'string',
      enum: ['How much?', 'How well?', 'What difference?', 'N/A'],
      description: 'As printed (the source heads the column "RDA question")',
    },
    published: {
      type: 'object',
      description: 'The figures as printed, e.g. "0.38", "4.50"',
      properties: {
        bridgingValue: { type: 'string' },
        importance: { type: 'string' },
        easeOfCollection: { type: 'string' },
      },
      required: ['bridgingValue', 'importance', 'easeOfCollection'],
    },
    coverage: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: [...coverageStatuses] },
        measureIds: {
          type: 'array',
          items: { type: 'string' },
          description: 'Report measure ids (`cds<N>`, `cds<N>.<part>`, `funnel` …)',
        },
        field: { type: 'string', description: 'Recorded: where it is captured (table and column, or page)' },
        reason: { type: 'string', enum: [...outsideReasons] },
        definition: { type: 'string', description: 'In words, in the language asked for' },
      },
      required: ['status', 'definition'],
    },
  },
  required: [
    'number',
    'cluster',
    'statement',
    'bridgingValue',
    'importance',
    'easeOfCollection',
    'typeOfData',
    'rbaQuestion',
    'published',
    'coverage',
  ],
} as const

const langQuery = {
  type: 'object',
  properties: {
    lang: {
      type: 'string',
      enum: ['en', 'cy'],
      description: 'Language of the definitions; otherwise `lng`, the language cookie or Accept-Language',
    },
  },
} as const

/** `?lang=` as the brief's callers may send it, else the language every request already has (?lng=, cookie, Accept-Language). */
function translatorFor(app: FastifyInstance, request: FastifyRequest) {
  const asked = (request.query as Record<string, unknown>).lang
  return isLanguage(asked) ? app.deps.i18n.translator(asked) : request.t
}

/** The catalogue as JSON (issue 7 §1). Reference data: nothing personal is read, so nothing is audited. */
export async function coreDataSetApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/core-data-set',
    {
      config: { action: 'core_data_set.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'All 125 Core Data Set statements (Core Standards, Appendix Five) with how Cyswllt covers each',
        querystring: langQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              statements: { type: 'array', items: statementSchema },
              summary: {
                type: 'object',
                properties: {
                  total: { type: 'integer' },
                  computed: { type: 'integer' },
                  recorded: { type: 'integer' },
                  outside: { type: 'integer' },
                },
                required: ['total', 'computed', 'recorded', 'outside'],
              },
            },
            required: ['statements', 'summary'],
          },
          401: problemSchema,
        },
      },
    },
    async (request) => {
      const t = translatorFor(app, request)
      return { statements: statements.map((s) => statementJson(t, s)), summary: coverageSummary() }
    },
  )

  app.get(
    '/api/v1/core-data-set/:n',
    {
      config: { action: 'core_data_set.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'One Core Data Set statement by its Appendix Five number',
        description: '400 `invalid_number` when `n` is not a whole number; 404 `not_found` when no statement has it.',
        params: { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 125 } }, required: ['n'] },
        querystring: langQuery,
        response: { 200: statementSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const raw = (request.params as { n?: unknown }).n
      if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw))
        return sendProblem(request, reply, 400, 'invalid_number', request.t('coreDataSet.api.badNumber'))
      const statement = statementOf(Number(raw))
      if (!statement) return sendProblem(request, reply, 404, 'not_found', request.t('coreDataSet.api.notFound'))
      return statementJson(translatorFor(app, request), statement)
    },
  )
}
