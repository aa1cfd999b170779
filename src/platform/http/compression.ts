import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply } from 'fastify'

/**
 * Compression of what the service builds per request: pages, JSON and CSV (issue 9, DESIGN §10, CS §38; ADR 0015).
 * Static files are compressed once, at start (`preparePublicAssets` in platform/views/assets.ts), never here.
 */
export type Encoding = 'br' | 'gzip'

/**
 * A body that fits in one TCP segment (about 1,460 bytes) arrives in the same round trip compressed or not, so
 * smaller ones are sent as they are, saving the CPU. This also leaves out the print stylesheets (about 1 kB each).
 */
export const MIN_COMPRESSED_BYTES = 1400

/**
 * Levels cheap enough to pay on every response. On the reports page (688 kB of HTML) brotli quality 4 took 2.9 ms
 * and gave 47.6 kB; gzip level 5 took the same time for 55.7 kB, level 6 3.8 ms for 54.4 kB, level 9 6.1 ms for
 * 52.6 kB (docs/performance.md "Compression").
 */
const BROTLI_QUALITY = 4
const GZIP_LEVEL = 5

/**
 * The encoding to send for an `Accept-Encoding` header: the one with the highest q, brotli on a tie; `*` stands for
 * gzip; a q of 0 refuses. Null when the client accepts neither, or sent no header (autocannon, curl without
 * `--compressed`): those get the body as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  let br = -1
  let gz = -1
  let any = -1
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';')
    let q = 1
    for (const param of params) {
      const [key, value] = param.split('=')
      if (key?.trim().toLowerCase() === 'q') q = Number(value?.trim())
    }
    if (!(q >= 0 && q <= 1)) q = 0
    const coding = name.trim().toLowerCase()
    if (coding === 'br') br = q
    else if (coding === 'gzip' || coding === 'x-gzip') gz = Math.max(gz, q)
    else if (coding === '*') any = q
  }
  if (gz < 0) gz = any
  if (br <= 0 && gz <= 0) return null
  return br >= gz ? 'br' : 'gzip'
}

/** Text types gain from compression; images, fonts, spreadsheets (.xlsx is a zip) and PDFs are compressed already. */
export function isCompressible(contentType: string | undefined): boolean {
  return (
    !!contentType &&
    /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))(?:;|$)|image\/svg\+xml)/i.test(
      contentType,
    )
  )
}

/**
 * In the request's own turn of the event loop, not on libuv's thread pool: measured on two cores with a 77 kB page,
 * the asynchronous form served 212 pages a second where this one served 897 (as many as without compression), its
 * stream machinery handing each 16 kB chunk to the pool and back. The largest page (688 kB) holds the loop 3 ms.
 */
const compressWith: Record<Encoding, (body: Buffer) => Buffer> = {
  br: (body) =>
    brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => gzipSync(body, { level: GZIP_LEVEL }),
}

/**
 * A Buffer that is sent again and again (the ORUK API keeps its pages' bodies, ADR 0013) is compressed once per
 * encoding, and the result kept for as long as the body itself is. Strings, built per response, cannot be keys and
 * are compressed each time. This relies on a body Buffer never being changed after it is sent.
 */
const kept = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>()

function compressed(body: string | Buffer, encoding: Encoding): Buffer {
  if (typeof body === 'string') return compressWith[encoding](Buffer.from(body))
  let versions = kept.get(body)
  const done = versions?.[encoding]
  if (done) return done
  const result = compressWith[encoding](body)
  if (!versions) kept.set(body, (versions = {}))
  versions[encoding] = result
  return result
}

const uncompressed = Symbol('uncompressed')
type Markable = FastifyReply & { [uncompressed]?: true }

/**
 * For a response that shows a secret once (a new password, an API token, a link for a person): never cached, and
 * never compressed, so that nothing about its length can depend on both the secret and anything another site put
 * in the request (BREACH; ADR 0015). Such pages are small and rare, so it costs nothing.
 */
export function showsSecretOnce(reply: FastifyReply): FastifyReply {
  ;(reply as Markable)[uncompressed] = true
  return reply.header('cache-control', 'no-store')
}

/** Adds `Accept-Encoding` to `Vary` unless it is there already, keeping what other code put in it. */
function varyOnAcceptEncoding(reply: FastifyReply): void {
  const current = reply.getHeader('vary')
  if (current === undefined) {
    reply.header('vary', 'accept-encoding')
    return
  }
  const value = [current].flat().join(', ')
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(value)) reply.header('vary', `${value}, accept-encoding`)
}

/**
 * Compresses each response built by a route when the client accepts brotli or gzip and the body is text of at least
 * `MIN_COMPRESSED_BYTES`. Streams (static files, which are served precompressed), bodies already encoded, partial
 * content and bodies without content (204, 304, HEAD's is dropped by Fastify after this) are left alone. Whether
 * compressed or not, such a response says `Vary: Accept-Encoding`, so a shared cache keeps the versions apart.
 */
export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload)
    // A string's length is at most its byte length: a cheap lower bound, checked first.
    if (payload.length < MIN_COMPRESSED_BYTES) return done(null, payload)
    const status = reply.statusCode
    if (status === 204 || status === 206 || status === 304) return done(null, payload)
    if (reply.hasHeader('content-encoding') || (reply as Markable)[uncompressed]) return done(null, payload)
    if (!isCompressible(reply.getHeader('content-type') as string | undefined)) return done(null, payload)
    varyOnAcceptEncoding(reply)
    const encoding = chooseEncoding(request.headers['accept-encoding'])
    if (!encoding) return done(null, payload)
    const body = compressed(payload, encoding)
    reply.header('content-encoding', encoding)
    // Fastify counts the new body's length; a length a route set was the uncompressed one.
    reply.removeHeader('content-length')
    const etag = reply.getHeader('etag')
    if (typeof etag === 'string') reply.header('etag', etag.replace(/"$/, `-${encoding}"`))
    done(null, body)
  })
}
