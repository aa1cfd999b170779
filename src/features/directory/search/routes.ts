import type { FastifyInstance, FastifyRequest } from 'fastify'
import { documentOnly, problemResponse } from '../../../platform/http/api.js'
import { notFound, sendProblem } from '../../../platform/http/problems.js'
import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { apiErrors, type FieldError, isUuid, summaryErrors } from '../../admin/fields.js'
import { outcode } from '../../people/person-rules.js'
import { locate } from '../../referrals/repository.js'
import { accessibilityFeatures, attendingTypes, capacityStatuses, lifeStages, welshProvision } from '../schema.js'
import { apiResult, CAPACITY_STALE_DAYS, capacityTagClass, inLanguage, olderThan, presentResult, scheduleInWords, VERIFIED_STALE_DAYS } from './present.js'
import { MAX_PAGE, MAX_PER_PAGE, MAX_RADIUS_KM, type Origin, parseSearch, PER_PAGE, type SearchQuery, searchQueryString, weekDays } from './query.js'
import { keptContent } from './kept-content.js'
import { keptSearches } from './kept-searches.js'
import { categoryTerms, loadService, type SearchPage } from './repository.js'

const views = 'features/directory/search/views'
const radiusChoices = [1, 2, 5, 10, 25, 50, 100, 200]
/** Where the error summary sends the reader for fields the page has no input for. */
const errorTargets: Record<string, string> = { lat: '#postcode', lon: '#postcode', page: '#q', perPage: '#q' }

interface Outcome {
  query: SearchQuery
  errors: FieldError[]
  result: SearchPage | null
  located: boolean
  origin: Origin | null
  fromDistrict: string | null
  categories: { code: string | null; name: string; name_cy: string | null }[]
}

export async function directorySearchRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const search = keptSearches(db)
  // In development templates are read again at every request, so content is not kept there either.
  const keepContent = app.deps.config.env === 'development' ? (_key: unknown, render: () => string) => render() : keptContent()

  async function run(raw: Record<string, unknown>): Promise<Outcome> {
    const categories = await categoryTerms(db)
    const { query, errors } = parseSearch(raw, categories.map((c) => c.code ?? ''))
    let origin: Origin | null = null
    let fromDistrict: string | null = null
    if (!errors.length && query.postcode) {
      const place = await locate(db, query.postcode, null)
      if (place.latitude === null || place.longitude === null) errors.push({ field: 'postcode', key: 'directory.search.errors.postcodeNotFound' })
      else {
        origin = { latitude: place.latitude, longitude: place.longitude }
        if (place.source !== 'postcode') fromDistrict = outcode(query.postcode)
      }
    } else if (query.latitude !== null && query.longitude !== null) origin = { latitude: query.latitude, longitude: query.longitude }
    if (errors.length) return { query, errors, result: null, located: false, origin: null, fromDistrict, categories }
    return { query, errors, result: await search(query, origin), located: origin !== null, origin, fromDistrict, categories }
  }

  app.get('/directory', { config: { action: 'public' } }, async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, unknown>
    const outcome = await run(raw)
    const { query, errors, result } = outcome
    const t = request.t
    const lang = request.lang as Language
    const today = new Date()
    const pages = result ? Math.max(1, Math.ceil(result.total / query.perPage)) : 1
    const pageHref = (page: number) => `/directory${searchQueryString(query, page)}`
    const pagination =
      result && pages > 1
        ? {
            previous: query.page > 1 ? { href: pageHref(query.page - 1) } : undefined,
            next: query.page < pages ? { href: pageHref(query.page + 1) } : undefined,
            items: pageNumbers(query.page, pages).map((n) => (n === null ? { ellipsis: true } : { number: n, href: pageHref(n), current: n === query.page })),
          }
        : null
    const summary = summaryErrors(t, errors.map((e) => ({ ...e, href: errorTargets[e.field] })))
    const context = () => ({
      // Kept content is shared by every reader of the same search, so it is made knowing no reader (ADR 0030).
      user: null,
      csrfToken: '',
      errors: summary,
      query,
      total: result?.total ?? 0,
      results: result ? result.rows.map((row) => presentResult(row, lang, t, outcome.fromDistrict, outcome.located, today)) : [],
      pagination,
      options: filterOptions(t, lang, query, outcome.categories),
    })
    const render = () => reply.fragment(`${views}/_search-content.njk`, context())
    const content = result && !errors.length
      ? keepContent({ page: result, categories: outcome.categories, lang, query, origin: outcome.origin, fromDistrict: outcome.fromDistrict, today }, render)
      : render()
    return reply.code(errors.length ? 400 : 200).view(`${views}/search.njk`, { title: t('directory.search.title'), errors: summary, content })
  })

  app.get('/directory/services/:id', { config: { action: 'public' } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    if (!isUuid(id)) throw notFound()
    const record = await loadService(db, id)
    if (!record) throw notFound()
    const t = request.t
    const lang = request.lang as Language
    const now = new Date()
    const s = record.service
    const name = inLanguage(lang, s.name, s.name_cy)
    const description = inLanguage(lang, s.description, s.description_cy)
    const min = s.minimum_age === null ? null : Number(s.minimum_age)
    const max = s.maximum_age === null ? null : Number(s.maximum_age)
    const ages = min !== null && max !== null ? t('directory.service.agesRange', { min, max }) : min !== null ? t('directory.service.agesFrom', { min }) : max !== null ? t('directory.service.agesUpTo', { max }) : t('directory.service.agesAll')
    return reply.view(`${views}/service.njk`, {
      title: name.text,
      backHref: backToSearch(request),
      name,
      description,
      organisation: inLanguage(lang, s.organisation_name, s.organisation_name_cy).text,
      organisationWebsite: s.organisation_website,
      categories: record.categories.map((c) => inLanguage(lang, c.name, c.name_cy).text),
      ages,
      lifeStages: s.life_stages.map((l) => t(`directory.labels.lifeStages.${l}`)),
      capacity: s.capacity_status ? { text: t(`directory.labels.capacity.${s.capacity_status}`), classes: capacityTagClass[s.capacity_status] ?? '' } : null,
      waitingWeeks: s.capacity_status === 'waiting_list' ? s.waiting_list_weeks : null,
      capacityConfirmedAt: s.capacity_confirmed_at,
      capacityStale: olderThan(s.capacity_confirmed_at, CAPACITY_STALE_DAYS, now),
      lastVerifiedAt: s.last_verified_at,
      verifiedStale: olderThan(s.last_verified_at, VERIFIED_STALE_DAYS, now),
      access: s.accessibility_features.map((a) => t(`directory.labels.accessibility.${a}`)),
      timetable: record.schedules.map((sc) => scheduleInWords(t, lang, sc)).filter(Boolean),
      attending: s.attending_types.map((a) => t(`directory.labels.attending.${a}`)),
      free: s.free_or_low_cost,
      costs: [s.fees, ...record.costs.map((c) => c.amount_description ?? (c.amount ? `£${c.amount}` : null))].filter((c, i, all): c is string => Boolean(c) && all.indexOf(c) === i),
      howToAccess: s.how_to_access ? t(`directory.labels.howToAccess.${s.how_to_access}`) : null,
      contacts: record.contacts.map((c) => ({ ...c, phones: record.phones.filter((p) => p.contact_id === c.id).map((p) => p.number) })),
      phones: record.phones.filter((p) => !p.contact_id || !record.contacts.some((c) => c.id === p.contact_id)).map((p) => p.number),
      email: s.email,
      url: s.url,
      locations: record.locations.map((l) => ({ name: inLanguage(lang, l.name, l.name_cy).text, lines: [l.address_1, l.city, l.postal_code].filter(Boolean) })),
      welsh: s.welsh_provision ? t(`directory.labels.welshProvision.${s.welsh_provision}`) : null,
      languages: record.languages.map((l) => l.name).filter(Boolean),
      safeguardingPolicy: s.safeguarding_policy,
      dbsChecks: s.dbs_checks,
    })
  })

  app.get(
    '/api/v1/services',
    {
      config: { action: 'public' },
      ...documentOnly,
      schema: {
        tags: ['Directory'],
        summary: 'Search the community services directory',
        description: `Active, published services only. Words match Welsh and English names and descriptions without regard to accents or small misspellings. A postcode (or its first part) or lat and lon give distances; sort=distance needs one. ${PER_PAGE} a page by default; perPage above ${MAX_PER_PAGE} is reduced to ${MAX_PER_PAGE}. No sign-in needed.`,
        security: [],
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 200, description: 'Words, in Welsh or English' },
            category: { type: 'string', description: 'A taxonomy term code of the Cyswllt social prescribing taxonomy, e.g. green' },
            lifeStage: { type: 'string', enum: [...lifeStages] },
            welsh: { type: 'array', items: { type: 'string', enum: [...welshProvision] }, description: 'Any of these Welsh-language provisions' },
            access: { type: 'array', items: { type: 'string', enum: [...accessibilityFeatures] }, description: 'All of these accessibility features' },
            free: { type: 'string', enum: ['yes'], description: 'Free or low cost only' },
            day: { type: 'array', items: { type: 'string', enum: [...weekDays] }, description: 'Meets on any of these days' },
            attending: { type: 'array', items: { type: 'string', enum: [...attendingTypes] }, description: 'Any of these ways of taking part' },
            postcode: { type: 'string', description: 'A full postcode or a postcode district (CF10)' },
            lat: { type: 'number', minimum: -90, maximum: 90 },
            lon: { type: 'number', minimum: -180, maximum: 180 },
            within: { type: 'integer', minimum: 1, maximum: MAX_RADIUS_KM, default: 25, description: 'Kilometres from the place' },
            sort: { type: 'string', enum: ['relevance', 'distance'], description: 'Default: distance when a place is given, otherwise relevance' },
            page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
            perPage: { type: 'integer', minimum: 1, default: PER_PAGE, description: `At most ${MAX_PER_PAGE}; larger values are capped` },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              page: { type: 'integer' },
              perPage: { type: 'integer' },
              pages: { type: 'integer' },
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string', format: 'uuid' },
                    name: { type: 'string' },
                    nameCy: { type: ['string', 'null'] },
                    description: { type: ['string', 'null'] },
                    descriptionCy: { type: ['string', 'null'] },
                    organisation: { type: ['string', 'null'] },
                    organisationCy: { type: ['string', 'null'] },
                    capacityStatus: { type: ['string', 'null'], enum: [...capacityStatuses, null] },
                    waitingListWeeks: { type: ['integer', 'null'] },
                    welshProvision: { type: ['string', 'null'], enum: [...welshProvision, null] },
                    freeOrLowCost: { type: ['boolean', 'null'] },
                    attendingTypes: { type: 'array', items: { type: 'string' } },
                    distanceKm: { type: ['number', 'null'], description: 'To the nearest location, when a place was given' },
                    nextDay: { type: ['string', 'null'], enum: [...weekDays, null] },
                    relevance: { type: 'number' },
                    url: { type: 'string' },
                  },
                  required: ['id', 'name', 'url'],
                },
              },
            },
            required: ['total', 'page', 'perPage', 'pages', 'results'],
          },
          400: problemResponse('The search is not valid: see errors'),
        },
      },
    },
    async (request, reply) => {
      const { query, errors, result } = await run((request.query ?? {}) as Record<string, unknown>)
      if (errors.length || !result) {
        return sendProblem(request, reply, 400, 'validation_failed', request.t('directory.search.api.invalidDetail'), { title: request.t('directory.search.api.invalidTitle'), errors: apiErrors(request.t, errors) })
      }
      const today = new Date()
      return { total: result.total, page: query.page, perPage: query.perPage, pages: Math.ceil(result.total / query.perPage), results: result.rows.map((r) => apiResult(r, today)) }
    },
  )
}

/** Back to the search the reader came from (same site only), or to a new search. */
function backToSearch(request: FastifyRequest): string {
  const referer = request.headers.referer
  if (!referer) return '/directory'
  try {
    const url = new URL(referer)
    if (url.host === request.headers.host && url.pathname === '/directory') {
      url.searchParams.delete('lng')
      return url.pathname + url.search
    }
  } catch {
    // not a URL: a new search
  }
  return '/directory'
}

/** Page numbers around the current one, with gaps (null) as GOV.UK pagination shows them. */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, current - 1, current, current + 1].filter((n) => n >= 1 && n <= pages))
  const sorted = [...wanted].sort((a, b) => a - b)
  const out: (number | null)[] = []
  for (const n of sorted) {
    const last = out.at(-1)
    if (typeof last === 'number' && n - last > 1) out.push(null)
    out.push(n)
  }
  return out
}

/** The same order as `localeCompare(…, 'cy' | 'en-GB')`, without making a collator for every comparison. */
const collators: Record<Language, Intl.Collator> = { cy: new Intl.Collator('cy'), en: new Intl.Collator('en-GB') }

function filterOptions(t: Translate, lang: Language, query: SearchQuery, categories: { code: string | null; name: string; name_cy: string | null }[]) {
  const checks = <T extends string>(values: readonly T[], group: string, chosen: readonly string[]) => values.map((value) => ({ value, text: t(`directory.labels.${group}.${value}`), checked: chosen.includes(value) }))
  return {
    categories: [
      { value: '', text: t('directory.search.anyCategory') },
      ...categories
        .map((c) => ({ value: c.code ?? '', text: inLanguage(lang, c.name, c.name_cy).text, selected: c.code === query.category }))
        .sort((a, b) => collators[lang].compare(a.text, b.text)),
    ],
    lifeStages: [{ value: '', text: t('directory.search.anyLifeStage') }, ...lifeStages.map((value) => ({ value, text: t(`directory.labels.lifeStages.${value}`), selected: value === query.lifeStage }))],
    welsh: checks(welshProvision, 'welshProvision', query.welsh),
    access: checks(accessibilityFeatures, 'accessibility', query.access),
    days: checks(weekDays, 'days', query.days).map((d) => ({ ...d, text: d.text.charAt(0).toUpperCase() + d.text.slice(1) })),
    attending: checks(attendingTypes, 'attending', query.attending),
    free: [{ value: 'yes', text: t('directory.search.free'), checked: query.freeOnly }],
    radius: radiusChoices.map((km) => ({ value: String(km), text: t('directory.search.withinOption', { km }), selected: km === query.radiusKm })),
    sort: [
      { value: 'relevance', text: t('directory.search.sortRelevance'), selected: query.sort === 'relevance' },
      { value: 'distance', text: t('directory.search.sortDistance'), selected: query.sort === 'distance' },
    ],
  }
}
