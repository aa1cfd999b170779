import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type nunjucks from 'nunjucks'
import type { I18n } from '../i18n/i18n.js'
import { navigationFor } from './navigation.js'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a template (path from `src/`) with the page context every template can rely on. */
    view(template: string, context?: Record<string, unknown>): FastifyReply
    /** Renders part of a page (path from `src/`) with the same context, for a page that keeps parts (ADR 0030). */
    fragment(template: string, context?: Record<string, unknown>): string
  }
}

/** The same page in the other language: the current URL with `lng` set. */
export function languageUrl(request: FastifyRequest, lang: 'en' | 'cy'): string {
  const url = new URL(request.url, 'http://localhost')
  url.searchParams.set('lng', lang)
  return url.pathname + url.search
}

export function installViews(app: FastifyInstance, views: nunjucks.Environment, i18n: I18n): void {
  /** What every template can rely on: the reader's language and texts, who is signed in, the layout's links. */
  const pageContext = (reply: FastifyReply): Record<string, unknown> => {
    const request = reply.request
    const lang = request.lang
    const t = request.t ?? i18n.translator('en')
    const path = request.url.split('?')[0] ?? '/'
    // Made when a template prints it (a form's hidden field), not for every page: a page without a form, such as the
    // directory search for someone not signed in, then sends no CSRF cookie and pays for no random bytes or HMAC.
    let token: string | undefined
    const csrfToken = { toString: () => (token ??= reply.csrfToken()) }
    return {
      lang,
      t,
      // Every plural form of a message, as GOV.UK Frontend's character count takes them (with %{count}).
      pluralForms: (key: string) => i18n.pluralForms(lang, key),
      user: request.user,
      csrfToken,
      cspNonce: reply.cspNonce?.script ?? '',
      languageUrls: { en: languageUrl(request, 'en'), cy: languageUrl(request, 'cy') },
      homeUrl: request.user ? '/home' : '/',
      navigation: navigationFor(request.user, t, path),
      currentPath: path,
    }
  }
  app.decorateReply('view', function (template: string, context: Record<string, unknown> = {}) {
    const html = views.render(template, { ...pageContext(this), ...context })
    return this.type('text/html; charset=utf-8').send(html)
  })
  app.decorateReply('fragment', function (template: string, context: Record<string, unknown> = {}) {
    return views.render(template, { ...pageContext(this), ...context })
  })
}
