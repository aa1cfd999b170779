import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify'
import { sendProblem } from '../../../platform/http/problems.js'
import { normalisePostcode } from '../../people/person-rules.js'
import { type ListQuery, isUuid, parseListQuery, type QueryError } from './query.js'
import { findServiceAtLocation, listServiceAtLocations, type Near, postcodeCentre } from './location-repository.js'
import { findOrganisation, listOrganisations } from './organisation-repository.js'
import { OrukCache } from './cache.js'
import { serviceReads } from './service-reads.js'
import { findTaxonomy, findTaxonomyTerm, listTaxonomies, listTaxonomyTerms, taxonomyTermsOf } from './taxonomy-repository.js'
import { type OrukObject, omitEmpty, page, taxonomy, taxonomyTerm } from './serialise.js'

/*
 * The Open Referral UK 3.0 API (issue 4 §5): read-only, open to anyone without a key, answering any web origin.
 * See docs/api.md ("Open Referral UK API") for what each endpoint accepts.
 */

export const ORUK_VERSION = 'HSDS-UK-3.0'
/**
 * How many bytes of response bodies the services cache keeps. A list page's service is about 660 bytes
 * (docs/performance.md): every page of a 25,000-service directory (16 MB at 50 a page) fits, outside the JS heap.
 */
export const ORUK_CACHE_BYTES = 32_000_000
const apiDetails = {
  version: ORUK_VERSION,
  profile: 'https://openreferraluk.org/specifications/3.0/',
  openapi_url: 'https://openreferraluk.org/specifications/3.0/openapi.json',
}

/** Every /oruk response, errors included, may be read by a page on any origin. */
const cors: onSendHookHandler = async (_request, reply, payload) => {
  reply.header('access-control-allow-origin', '*')
  reply.header('cross-origin-resource-policy', 'cross-origin')
  return payload
}

const options = { config: { action: 'public' as const }, onSend: cors }

function badQuery(request: FastifyRequest, reply: FastifyReply, errors: QueryError[]) {
  return sendProblem(request, reply, 400, 'validation_failed', request.t('errors.validation'), { errors })
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 404, 'not_found', request.t('errors.api.notFound'))
}

function send(reply: FastifyReply, body: OrukObject) {
  return reply.type('application/json; charset=utf-8').send(omitEmpty(body))
}

/** A body already serialised (by service-reads.ts, from the same `omitEmpty` and `page`). */
function sendJson(reply: FastifyReply, body: Buffer) {
  return reply.type('application/json; charset=utf-8').send(body)
}

/** A page keeps its envelope (an empty page still has `contents: []`); its items lose their empty fields. */
function sendPage(reply: FastifyReply, contents: OrukObject[], total: number, q: ListQuery) {
  return reply.type('application/json; charset=utf-8').send(page(contents.map(omitEmpty), total, q.page, q.perPage))
}

export async function orukApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** Parses the query or answers 400; undefined means the answer has been sent. */
  const listQuery = (request: FastifyRequest, reply: FastifyReply): ListQuery | undefined => {
    const parsed = parseListQuery(request.query as Record<string, unknown>)
    if (parsed.ok) return parsed.value
    void badQuery(request, reply, parsed.errors)
    return undefined
  }

  /** A handler for `/{id}` routes: malformed ids are as unknown as missing ones (404). */
  const byId =
    (find: (id: string) => Promise<OrukObject | undefined>) => async (request: FastifyRequest, reply: FastifyReply) => {
      const { id } = request.params as { id: string }
      const found = isUuid(id) ? await find(id.toLowerCase()) : undefined
      return found ? send(reply, found) : notFound(request, reply)
    }

  for (const url of ['/oruk', '/oruk/']) app.get(url, options, async (_request, reply) => send(reply, apiDetails))

  // Services are what ORUK consumers read most (a whole-directory harvest pages through all of them): answered from
  // bodies kept in the process until the directory changes (cache.ts).
  const services = serviceReads(db, new OrukCache(ORUK_CACHE_BYTES))
  app.get('/oruk/services', options, async (request, reply) => {
    const q = listQuery(request, reply)
    if (!q) return reply
    return sendJson(reply, await services.list(q))
  })
  app.get('/oruk/services/:id', options, async (request, reply) => {
    const { id } = request.params as { id: string }
    const body = isUuid(id) ? await services.one(id.toLowerCase()) : undefined
    return body === undefined ? notFound(request, reply) : sendJson(reply, body)
  })

  app.get('/oruk/organizations', options, async (request, reply) => {
    const q = listQuery(request, reply)
    if (!q) return reply
    const { total, contents } = await listOrganisations(db, q.search, q)
    return sendPage(reply, contents, total, q)
  })
  app.get(
    '/oruk/organizations/:id',
    options,
    byId((id) => findOrganisation(db, id)),
  )

  app.get('/oruk/taxonomies', options, async (request, reply) => {
    const q = listQuery(request, reply)
    if (!q) return reply
    const { total, rows } = await listTaxonomies(db, q.search, q)
    return sendPage(
      reply,
      rows.map((row) => taxonomy(row)),
      total,
      q,
    )
  })
  app.get(
    '/oruk/taxonomies/:id',
    options,
    byId(async (id) => {
      const row = await findTaxonomy(db, id)
      return row ? taxonomy(row, await taxonomyTermsOf(db, id)) : undefined
    }),
  )

  app.get('/oruk/taxonomy_terms', options, async (request, reply) => {
    const q = listQuery(request, reply)
    if (!q) return reply
    const { total, rows } = await listTaxonomyTerms(db, q, q)
    return sendPage(reply, rows.map(taxonomyTerm), total, q)
  })
  app.get(
    '/oruk/taxonomy_terms/:id',
    options,
    byId(async (id) => {
      const row = await findTaxonomyTerm(db, id)
      return row ? taxonomyTerm(row) : undefined
    }),
  )

  app.get('/oruk/service_at_locations', options, async (request, reply) => {
    const q = listQuery(request, reply)
    if (!q) return reply
    let near: Near | undefined
    if (q.postcode !== undefined) {
      const postcode = normalisePostcode(q.postcode)
      const point = postcode ? await postcodeCentre(db, postcode) : null
      if (!point)
        return badQuery(request, reply, [
          {
            field: 'postcode',
            message: postcode ? 'is not a postcode Cyswllt knows' : 'is not the shape of a UK postcode',
          },
        ])
      near = { point, proximity: q.proximity }
    } else if (q.latitude !== undefined && q.longitude !== undefined) {
      near = { point: { latitude: q.latitude, longitude: q.longitude }, proximity: q.proximity }
    }
    const { total, contents } = await listServiceAtLocations(db, q, near, q)
    return sendPage(reply, contents, total, q)
  })
  app.get(
    '/oruk/service_at_locations/:id',
    options,
    byId((id) => findServiceAtLocation(db, id)),
  )
}
