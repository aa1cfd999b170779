import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Translate } from '../../platform/i18n/i18n.js'
import { cookieOptions } from '../../platform/http/pipeline.js'
import { RateLimiter } from '../../platform/security/rate-limit.js'
import type { FieldError } from '../referrals/referral-input.js'
import { loadDraft } from './drafts.js'
import { DRAFT_COOKIE, DRAFT_LIFETIME_MS, paths } from './journey.js'
import { errorHref } from './pages.js'

const HOUR_MS = 60 * 60 * 1000
/**
 * Sends per client address per hour by default (SELF_REFERRAL_RATE_LIMIT): enough for a family or a library
 * computer, not for a script. The benchmark raises it for its own loopback server to measure writes per second.
 */
export const SUBMISSIONS_PER_HOUR = 10
/** New drafts per client address per hour, per submission allowed: each draft is a row, so a script cannot fill the table. */
export const NEW_DRAFTS_PER_SUBMISSION = 6
export const NEW_DRAFTS_PER_HOUR = SUBMISSIONS_PER_HOUR * NEW_DRAFTS_PER_SUBMISSION

/** What the self-referral routes share: the database, the draft cookie, the rate limits and the place names. */
export function journeyTools(app: FastifyInstance) {
  const { config, database } = app.deps
  const db = database.db
  const submissions = new RateLimiter(config.selfReferralRateLimitPerIp, HOUR_MS)
  const newDrafts = new RateLimiter(config.selfReferralRateLimitPerIp * NEW_DRAFTS_PER_SUBMISSION, HOUR_MS)

  return {
    db,
    config,
    submissions,
    newDrafts,

    current(request: FastifyRequest) {
      return loadDraft(db, request.cookies[DRAFT_COOKIE])
    },

    /** Sets (or renews) the draft cookie for another 2 hours. */
    keepCookie(reply: FastifyReply, value: string) {
      reply.setCookie(DRAFT_COOKIE, value, cookieOptions(config, DRAFT_LIFETIME_MS / 1000))
    },

    /** No draft: back to the start, saying the answers were deleted when there had been some. */
    lost(request: FastifyRequest, reply: FastifyReply) {
      const cookie = request.cookies[DRAFT_COOKIE]
      const expired = Boolean(cookie) && !cookie?.startsWith('done.')
      if (expired) reply.clearCookie(DRAFT_COOKIE, { path: '/' })
      return reply.redirect(expired ? `${paths.start}?expired=1` : paths.start, 303)
    },

    errorList(t: Translate, errors: FieldError[]) {
      return errors.map((e) => ({ field: e.field, text: t(e.key), href: errorHref(e.field) }))
    },

    /** The 22 local authorities, named and sorted in the page's language. */
    async localAuthorities(lang: 'en' | 'cy') {
      const rows = await db.selectFrom('local_authorities').select(['code', 'name_en', 'name_cy']).execute()
      return rows.map((r) => ({ code: r.code, name: lang === 'cy' ? r.name_cy : r.name_en })).sort((a, b) => a.name.localeCompare(b.name, lang))
    },

    async localAuthorityName(code: string | undefined, lang: 'en' | 'cy'): Promise<string | null> {
      if (!code) return null
      const row = await db.selectFrom('local_authorities').select(['name_en', 'name_cy']).where('code', '=', code).executeTakeFirst()
      return row ? (lang === 'cy' ? row.name_cy : row.name_en) : null
    },

    async organisationName(id: string | null, lang: 'en' | 'cy'): Promise<string | null> {
      if (!id) return null
      const row = await db.selectFrom('organisations').select(['name', 'name_cy']).where('id', '=', id).executeTakeFirst()
      return row ? (lang === 'cy' ? (row.name_cy ?? row.name) : row.name) : null
    },

    tooMany(request: FastifyRequest, reply: FastifyReply) {
      request.log.warn({ event: 'self_referral.rate_limited' }, 'self-referral rate limit reached')
      return reply.code(429).view('features/self-referral/views/too-many.njk', { title: request.t('selfReferral.tooMany.title') })
    },
  }
}

export type JourneyTools = ReturnType<typeof journeyTools>
