import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import type { Logger } from 'pino'
import { randomUUID } from 'node:crypto'
import { registerFeatures } from './features/index.js'
import type { Config } from './platform/config.js'
import type { Database } from './platform/db/database.js'
import { installApi } from './platform/http/api.js'
import { installCompression } from './platform/http/compression.js'
import { installErrorHandling } from './platform/http/errors.js'
import { installPipeline } from './platform/http/pipeline.js'
import { installSecurityHeaders } from './platform/http/security-headers.js'
import { installViews } from './platform/http/render.js'
import { boundaryOf, MultipartError, parseMultipart } from './platform/http/multipart.js'
import { I18n } from './platform/i18n/i18n.js'
import { loggingNotifier, type Notifier } from './platform/notify/notifier.js'
import { buildStylesheet, preparePublicAssets } from './platform/views/assets.js'
import { createViews } from './platform/views/views.js'

export interface AppDeps {
  config: Config
  database: Database
  logger?: Logger
  /** Sends messages to referrers and people; defaults to one that only logs (no delivery). */
  notifier?: Notifier
}

export interface RegisteredRoute {
  method: string
  url: string
  action: unknown
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps & { i18n: I18n; notifier: Notifier }
    /** Every route with its declared access-policy action (read by the access-policy tests). */
    registeredRoutes: RegisteredRoute[]
  }
}

/** The largest form with a file (a CSV of the whole directory is about 1 MB at 2,000 services). */
export const MULTIPART_LIMIT_BYTES = 4 * 1024 * 1024

/** Builds the whole service around its dependencies; `main.ts` listens, tests call `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = Fastify({
    loggerInstance: deps.logger,
    logger: deps.logger ? undefined : false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID()
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: false },
  }) as unknown as FastifyInstance

  const i18n = new I18n((key, lang) => app.log.warn({ event: 'i18n.missing', key, lang }, 'message key missing'))
  app.decorate('deps', { ...deps, i18n, notifier: deps.notifier ?? loggingNotifier(app.log) })
  app.decorate('registeredRoutes', [] as RegisteredRoute[])
  app.addHook('onRoute', (route) => {
    // Static files are public by nature; every other route must say what it does.
    if (route.url.startsWith('/assets/') && !route.config?.action) route.config = { ...route.config, action: 'public' }
    for (const method of [route.method].flat()) app.registeredRoutes.push({ method, url: route.url, action: route.config?.action })
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(fastifyCookie)
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimitBytes })
  // Forms that send a file (an editor's CSV import) work without JavaScript: read into the same flat fields as a
  // urlencoded form, before the access and CSRF checks, with a larger cap than other bodies.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: Math.max(config.bodyLimitBytes, MULTIPART_LIMIT_BYTES) }, (request, body, done) => {
    const boundary = boundaryOf(request.headers['content-type'])
    try {
      if (!boundary) throw new MultipartError('no boundary')
      done(null, parseMultipart(body as Buffer, boundary))
    } catch (error) {
      done(Object.assign(new Error((error as Error).message), { statusCode: 400 }), undefined)
    }
  })
  installSecurityHeaders(
    app,
    {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      upgradeInsecureRequests: config.secureCookies ? [] : null,
    },
    {
      strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    },
  )

  if (config.compressResponses) installCompression(app)
  installErrorHandling(app)
  installPipeline(app, { config, database: deps.database, i18n })
  installViews(app, createViews({ watch: config.env === 'development' }), i18n)

  // Static files are sent as the smallest version the browser accepts, each compressed once at start (ADR 0015).
  const assets = preparePublicAssets(await buildStylesheet())
  await app.register(fastifyStatic, { root: assets.govuk, prefix: '/assets/govuk/', maxAge: '7d', preCompressed: true })
  await app.register(fastifyStatic, { root: assets.own, prefix: '/assets/', decorateReply: false, maxAge: '1h', preCompressed: true })

  // GOV.UK Frontend's JavaScript, as the ES module it ships; started by /assets/init.mjs.
  app.get('/assets/govuk-frontend.min.js', { config: { action: 'public' } }, (_request, reply) => reply.sendFile('govuk-frontend.min.js', assets.own, { maxAge: '7d' }))

  await installApi(app)
  await registerFeatures(app)
  return app
}
