import fastifySwagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'

/**
 * The OpenAPI 3.1 document is generated from the route schemas of every `/api/v1` route, so it cannot drift
 * from what the routes accept and return.
 */
export async function installApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cyswllt API',
        version: '1',
        description:
          'Social prescribing for Wales. Errors are application/problem+json with a machine-readable `code`. Call with a personal API token (`Authorization: Bearer cys_…`) or, from the pages, the session cookie plus the `x-csrf-token` header.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token from /account/api-tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'cyswllt_session' },
        },
      },
      security: [{ bearerToken: [] }, { session: [] }],
    },
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/v1') ? schema : { ...schema, hide: true }, url }),
  })

  app.get('/api/v1/openapi.json', { config: { action: 'public' }, schema: { hide: true } }, async () => app.swagger())
}

/** The shape of every API error, referenced from route schemas. */
export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'For validation_failed: each field that is not valid, and why, in the language asked for.',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] },
    },
  },
  required: ['status', 'code', 'title'],
} as const

/**
 * Route options for API routes whose bodies and queries are checked by the same pure validators as the pages:
 * the JSON schema still documents the route in OpenAPI, but the answer (and its language) comes from the
 * validator, so pages and API share one set of rules.
 */
export const documentOnly = { validatorCompiler: () => () => true }

/** An error response documented under its real media type, application/problem+json. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } }
}
