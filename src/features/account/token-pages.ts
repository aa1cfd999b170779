import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import {
  DEFAULT_TOKEN_DAYS,
  TOKEN_DAYS,
  createOwnToken,
  listOwnTokens,
  revokeOwnToken,
  validateTokenForm,
  type TokenFieldError,
} from './tokens.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

const listView = 'features/account/views/api-tokens.njk'

/** Personal API tokens from the pages: list, create (shown once), revoke. */
export async function tokenPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: TokenFieldError[],
    status = 200,
  ) => {
    const user = request.user
    if (!user) throw forbidden()
    const query = request.query as Record<string, unknown>
    return reply.code(status).view(listView, {
      title: request.t('account.apiTokens.title'),
      tokens: await listOwnTokens(db, user.userId),
      values,
      dayItems: TOKEN_DAYS.map((days) => ({
        value: String(days),
        text: request.t('account.apiTokens.daysOption', { count: days }),
        checked: values.days === String(days),
      })),
      errors: errors.map((e) => ({ field: e.field, text: request.t(e.key), href: `#${e.field}` })),
      revoked: query.revoked === '1',
    })
  }

  app.get('/account/api-tokens', { config: { action: 'api_tokens.manage_own' } }, async (request, reply) =>
    renderList(request, reply, { days: String(DEFAULT_TOKEN_DAYS) }, []),
  )

  app.post('/account/api-tokens', { config: { action: 'api_tokens.create' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const body = (request.body ?? {}) as Record<string, unknown>
    const { form, errors } = validateTokenForm(body)
    const values = {
      name: typeof body.name === 'string' ? body.name.slice(0, 200) : '',
      days: typeof body.days === 'string' ? body.days : '',
    }
    if (errors.length > 0) return renderList(request, reply, values, errors, 400)
    const created = await createOwnToken(
      db,
      auditContext(request),
      { userId: user.userId, organisationId: user.organisationId },
      form,
    )
    if (!created.ok)
      return renderList(request, reply, values, [{ field: 'name', key: 'account.apiTokens.errors.nameTaken' }], 409)
    // The token is on this page only: never in a URL, never cached, never shown again.
    showsSecretOnce(reply)
    return reply.view('features/account/views/api-token-created.njk', {
      title: request.t('account.apiTokens.created.title'),
      created,
    })
  })

  app.post(
    '/account/api-tokens/:id/revoke',
    { config: { action: 'api_tokens.manage_own' } },
    async (request, reply) => {
      const user = request.user
      if (!user) throw forbidden()
      const { id } = request.params as { id: string }
      const outcome = await revokeOwnToken(db, auditContext(request), user, id)
      if (outcome === 'not_found') throw notFound()
      return reply.redirect('/account/api-tokens?revoked=1', 303)
    },
  )
}
