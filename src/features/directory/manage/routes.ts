import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../../platform/access/policy.js'
import { notFound } from '../../../platform/http/problems.js'
import type { Language } from '../../../platform/i18n/i18n.js'
import { type FieldError, queryValue, summaryErrors } from '../../admin/fields.js'
import { capacityTagClass, inLanguage } from '../search/present.js'
import { pageNumbers } from '../search/routes.js'
import { categoryTerms } from '../search/repository.js'
import { manageApiRoutes } from './api.js'
import { capacityItems, formValues, scheduleRows, serviceFormItems } from './form-view.js'
import { approve, propose, reject, saveEntry, scheduleFields, serviceFor, serviceValuesOf, updateLive, verifyEntry } from './operations.js'
import { currentTexts, directoryOrganisations, LIST_PAGE_SIZE, listServices, pendingProposals, proposalsForService } from './repository.js'
import { type FlagFilter, flagFilters, serviceFlags } from './rules.js'

const views = 'features/directory/manage/views'
const notices = ['saved', 'verified', 'updated', 'proposed', 'approved', 'rejected'] as const
const noticeKeys: Record<(typeof notices)[number], string> = {
  saved: 'directory.manage.saved',
  verified: 'directory.manage.verify.done',
  updated: 'directory.manage.update.saved',
  proposed: 'directory.manage.propose.sent',
  approved: 'directory.manage.proposals.approved',
  rejected: 'directory.manage.proposals.rejected',
}

function notice(request: FastifyRequest): string | null {
  const done = queryValue((request.query as Record<string, unknown> | undefined)?.done)
  return (notices as readonly string[]).includes(done) ? request.t(noticeKeys[done as (typeof notices)[number]]) : null
}

const body = (request: FastifyRequest) => (request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {})
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id

/** Directory editing pages (issue 4 §4): the list with flags, the editors' form, asset users' updates and proposals. */
export async function directoryManageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/directory/manage', { config: { action: 'directory.manage.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw notFound()
    const editor = can(user, 'directory.manage')
    const query = (request.query ?? {}) as Record<string, unknown>
    const words = queryValue(query.q).slice(0, 200)
    const flagText = queryValue(query.flag)
    const flag = (flagFilters as readonly string[]).includes(flagText) ? (flagText as FlagFilter) : null
    const page = Math.max(1, Math.min(1000, Number.parseInt(queryValue(query.page), 10) || 1))
    const now = new Date()
    const lang = request.lang as Language
    const t = request.t
    const { rows, matching, counts } = await listServices(db, { words, flag, managedBy: editor ? null : user.organisationId, page }, now)
    const pages = Math.max(1, Math.ceil(matching / LIST_PAGE_SIZE))
    const href = (n: number) => `/directory/manage?${new URLSearchParams({ ...(words ? { q: words } : {}), ...(flag ? { flag } : {}), page: String(n) }).toString()}`
    return reply.view(`${views}/list.njk`, {
      title: t(editor ? 'directory.manage.title' : 'directory.manage.titleAsset'),
      editor,
      reviewer: can(user, 'directory.proposals.review'),
      notice: notice(request),
      words,
      flag,
      counts,
      matching,
      flagItems: [
        { value: '', text: t('directory.manage.filter.all'), selected: flag === null },
        { value: 'unverified', text: t('directory.manage.filter.unverified'), selected: flag === 'unverified' },
        { value: 'capacity', text: t('directory.manage.filter.capacity'), selected: flag === 'capacity' },
      ],
      rows: rows.map((row) => {
        const name = inLanguage(lang, row.name, row.name_cy)
        const flags = serviceFlags(row, now)
        return {
          id: row.id,
          name: name.text,
          nameMissingIn: name.missingIn,
          href: editor ? `/directory/manage/services/${row.id}` : `/directory/manage/services/${row.id}/update`,
          organisation: inLanguage(lang, row.organisation_name, row.organisation_name_cy).text,
          capacity: row.capacity_status ? { text: t(`directory.labels.capacity.${row.capacity_status}`), classes: capacityTagClass[row.capacity_status] ?? '' } : null,
          lastVerifiedAt: row.last_verified_at,
          flags,
          unpublished: !row.published || row.status !== 'active',
          status: row.status,
        }
      }),
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? { href: href(page - 1) } : undefined,
              next: page < pages ? { href: href(page + 1) } : undefined,
              items: pageNumbers(page, pages).map((n) => (n === null ? { ellipsis: true } : { number: n, href: href(n), current: n === page })),
            }
          : null,
    })
  })

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, values: Record<string, unknown>, errors: FieldError[], extra: Record<string, unknown> = {}) => {
    const lookups = { categories: await categoryTerms(db), organisations: await directoryOrganisations(db) }
    const name = inLanguage(request.lang as Language, String(values.name ?? ''), String(values.nameCy ?? '')).text
    return reply.code(errors.length ? 400 : 200).view(`${views}/service-form.njk`, {
      title: id ? request.t('directory.manage.form.editTitle', { name }) : request.t('directory.manage.form.createTitle'),
      action: id ? `/directory/manage/services/${id}` : '/directory/manage/services/new',
      id,
      values,
      errors: summaryErrors(request.t, errors),
      items: serviceFormItems(request.t, request.lang as Language, values, lookups),
      notice: notice(request),
      ...extra,
    })
  }

  app.get('/directory/manage/services/new', { config: { action: 'directory.manage' } }, async (request, reply) => renderForm(request, reply, null, { published: 'yes', status: 'active' }, []))

  app.post('/directory/manage/services/new', { config: { action: 'directory.manage' } }, async (request, reply) => {
    const result = await saveEntry(db, request, null, body(request))
    if (!result.ok) return renderForm(request, reply, null, formValues(body(request)), result.errors)
    return reply.redirect(`/directory/manage/services/${result.id}?done=saved`, 303)
  })

  app.get('/directory/manage/services/:id', { config: { action: 'directory.manage' } }, async (request, reply) => {
    const found = await serviceFor(db, request, idOf(request), 'directory.manage')
    return renderForm(request, reply, found.service.id, serviceValuesOf(found), [], { lastVerifiedAt: found.service.last_verified_at })
  })

  app.post('/directory/manage/services/:id', { config: { action: 'directory.manage' } }, async (request, reply) => {
    const id = idOf(request)
    const result = await saveEntry(db, request, id, body(request))
    if (!result.ok) {
      const found = await serviceFor(db, request, id, 'directory.manage')
      return renderForm(request, reply, id, formValues(body(request)), result.errors, { lastVerifiedAt: found.service.last_verified_at })
    }
    return reply.redirect(`/directory/manage/services/${id}?done=saved`, 303)
  })

  app.post('/directory/manage/services/:id/verify', { config: { action: 'directory.manage' } }, async (request, reply) => {
    await verifyEntry(db, request, idOf(request))
    return reply.redirect(`/directory/manage/services/${idOf(request)}?done=verified`, 303)
  })

  const renderUpdate = async (request: FastifyRequest, reply: FastifyReply, id: string, input: { live?: Record<string, unknown>; proposal?: Record<string, unknown>; errors?: FieldError[] }) => {
    const found = await serviceFor(db, request, id, 'directory.services.update_own')
    const s = found.service
    const lang = request.lang as Language
    const t = request.t
    const live = input.live ?? { capacityStatus: s.capacity_status ?? '', waitingListWeeks: s.waiting_list_weeks ?? '', ...scheduleFields(found.schedules), email: s.email ?? '', phone: found.phone ?? '', website: s.url ?? '' }
    const texts = currentTexts(s)
    const proposal = input.proposal ?? { name: texts.name ?? '', nameCy: texts.nameCy ?? '', description: texts.description ?? '', descriptionCy: texts.descriptionCy ?? '' }
    const history = await proposalsForService(db, id)
    const errors = input.errors ?? []
    return reply.code(errors.length ? 400 : 200).view(`${views}/update.njk`, {
      title: t('directory.manage.update.title', { name: inLanguage(lang, s.name, s.name_cy).text }),
      id,
      live,
      proposal,
      capacity: capacityItems(t, live, false),
      schedules: scheduleRows(t, live),
      capacityConfirmedAt: s.capacity_confirmed_at,
      history: history.filter((p) => p.organisation_id === request.user?.organisationId).map((p) => ({ ...p, text: inLanguage(lang, p.name, p.name_cy).text, statusText: t(`directory.manage.propose.status.${p.status}`) })),
      errors: summaryErrors(t, errors),
      notice: notice(request),
    })
  }

  app.get('/directory/manage/services/:id/update', { config: { action: 'directory.services.update_own' } }, async (request, reply) => renderUpdate(request, reply, idOf(request), {}))

  app.post('/directory/manage/services/:id/update', { config: { action: 'directory.services.update_own' } }, async (request, reply) => {
    const result = await updateLive(db, request, idOf(request), body(request))
    if (!result.ok) return renderUpdate(request, reply, idOf(request), { live: formValues(body(request)), errors: result.errors })
    return reply.redirect(`/directory/manage/services/${idOf(request)}/update?done=updated`, 303)
  })

  app.post('/directory/manage/services/:id/proposals', { config: { action: 'directory.services.update_own' } }, async (request, reply) => {
    const result = await propose(db, request, idOf(request), body(request))
    // The proposal form's fields share names with nothing on the capacity form, so errors land on the right inputs.
    if (!result.ok) return renderUpdate(request, reply, idOf(request), { proposal: formValues(body(request)), errors: result.errors.map((e) => ({ ...e, field: `proposal-${e.field}` })) })
    return reply.redirect(`/directory/manage/services/${idOf(request)}/update?done=proposed`, 303)
  })

  const renderProposals = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], failedId: string | null = null, reason = '') => {
    const lang = request.lang as Language
    const t = request.t
    const pending = await pendingProposals(db)
    const fields = [
      ['name', 'name', 'current_name'],
      ['nameCy', 'name_cy', 'current_name_cy'],
      ['description', 'description', 'current_description'],
      ['descriptionCy', 'description_cy', 'current_description_cy'],
    ] as const
    return reply.code(errors.length ? 400 : 200).view(`${views}/proposals.njk`, {
      title: t('directory.manage.proposals.title'),
      notice: notice(request),
      errors: summaryErrors(t, errors),
      failedId,
      reason,
      proposals: pending.map((p) => ({
        id: p.id,
        service: inLanguage(lang, p.current_name, p.current_name_cy).text,
        serviceHref: `/directory/manage/services/${p.service_id}`,
        organisation: inLanguage(lang, p.organisation_name, p.organisation_name_cy).text,
        createdAt: p.created_at,
        changes: fields
          .filter(([, proposed, current]) => (p[proposed] ?? '') !== ((p[current] as string | null) || ''))
          .map(([key, proposed, current]) => ({ label: t(`directory.manage.proposals.fields.${key}`), now: (p[current] as string | null) || null, proposed: p[proposed] })),
      })),
    })
  }

  app.get('/directory/manage/proposals', { config: { action: 'directory.proposals.review' } }, async (request, reply) => renderProposals(request, reply))

  app.post('/directory/manage/proposals/:id/approve', { config: { action: 'directory.proposals.review' } }, async (request, reply) => {
    const result = await approve(db, request, idOf(request))
    if (result === 'decided') return renderProposals(request, reply, [{ field: 'proposals', key: 'directory.manage.errors.decided' }])
    return reply.redirect('/directory/manage/proposals?done=approved', 303)
  })

  app.post('/directory/manage/proposals/:id/reject', { config: { action: 'directory.proposals.review' } }, async (request, reply) => {
    const id = idOf(request)
    const result = await reject(db, request, id, body(request))
    if (result === 'decided') return renderProposals(request, reply, [{ field: 'proposals', key: 'directory.manage.errors.decided' }])
    if (!result.ok) return renderProposals(request, reply, result.errors.map((e) => ({ ...e, href: `#reason-${id}` })), id, String(body(request).reason ?? ''))
    return reply.redirect('/directory/manage/proposals?done=rejected', 303)
  })

  await manageApiRoutes(app)
}
