import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../../platform/audit/audit.js'
import { documentOnly, problemResponse, problemSchema } from '../../../platform/http/api.js'
import { auditContext } from '../../../platform/http/context.js'
import { sendProblem } from '../../../platform/http/problems.js'
import { apiErrors, type FieldError, summaryErrors } from '../../admin/fields.js'
import { themeCodes } from '../matching/themes.js'
import { DEFAULT_GAP_KM, GAP_DISTANCES, type GapQuery, gapsCsv, parseGapQuery, showGaps, SUPPRESS_BELOW } from './gaps.js'
import { type GapRow, localAuthorities, provisionGaps } from './repository.js'

const view = 'features/directory/gaps/views/gaps.njk'

const countSchema = { type: ['integer', 'null'], description: `null when fewer than ${SUPPRESS_BELOW} (suppressed)` } as const

/** Gaps in provision (issue 4 item 9, CF 3.3): page, CSV and JSON, counts only. */
export async function gapsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** The report for a valid query, audited once as one aggregated read of personal data. */
  async function report(request: FastifyRequest, query: GapQuery, format: string): Promise<GapRow[]> {
    return db.transaction().execute(async (trx) => {
      const rows = await provisionGaps(trx, query.withinKm, query.localAuthority)
      await audit(trx, auditContext(request), { action: 'directory.gaps.view', recordType: 'people', organisationId: null, detail: { format, withinKm: query.withinKm, localAuthority: query.localAuthority, rows: rows.length } })
      return rows
    })
  }

  async function parse(request: FastifyRequest) {
    const authorities = await localAuthorities(db)
    const { query, errors } = parseGapQuery((request.query ?? {}) as Record<string, unknown>, authorities.map((a) => a.code))
    return { query, errors, authorities }
  }

  async function page(request: FastifyRequest, reply: FastifyReply, parsed: Awaited<ReturnType<typeof parse>>, errors: FieldError[]) {
    const { query, authorities } = parsed
    const t = request.t
    const lang = request.lang
    const fewer = t('directory.gaps.fewerThanFive')
    const rows = (errors.length ? [] : showGaps(await report(request, query, 'page'), lang)).map((r) => ({ ...r, peopleText: r.people === null ? fewer : String(r.people), unmetText: r.unmet === null ? fewer : String(r.unmet) }))
    const params = new URLSearchParams({ within: String(query.withinKm), ...(query.localAuthority ? { la: query.localAuthority } : {}) })
    return reply.code(errors.length ? 400 : 200).view(view, {
      title: t('directory.gaps.title'),
      errors: summaryErrors(t, errors),
      rows,
      withinKm: query.withinKm,
      csvHref: `/directory/gaps.csv?${params.toString()}`,
      distanceItems: GAP_DISTANCES.map((km) => ({ value: String(km), text: t('directory.gaps.withinOption', { km }), checked: km === query.withinKm })),
      authorityItems: [
        { value: '', text: t('directory.gaps.allAuthorities') },
        ...authorities.map((a) => ({ value: a.code, text: lang === 'cy' ? a.name_cy : a.name_en, selected: a.code === query.localAuthority })).sort((a, b) => a.text.localeCompare(b.text, lang === 'cy' ? 'cy' : 'en-GB')),
      ],
    })
  }

  app.get('/directory/gaps', { config: { action: 'directory.gaps.view' } }, async (request, reply) => {
    const parsed = await parse(request)
    return page(request, reply, parsed, parsed.errors)
  })

  app.get('/directory/gaps.csv', { config: { action: 'directory.gaps.view' } }, async (request, reply) => {
    const parsed = await parse(request)
    if (parsed.errors.length) return page(request, reply, parsed, parsed.errors)
    const t = request.t
    const rows = showGaps(await report(request, parsed.query, 'csv'), request.lang)
    const headings = ['code', 'localAuthority', 'themeCode', 'theme', 'people', 'unmet'].map((h) => t(`directory.gaps.csv.${h}`, { km: parsed.query.withinKm }))
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="gaps-${parsed.query.localAuthority ?? 'wales'}-${parsed.query.withinKm}km.csv"`)
      .send(gapsCsv(rows, headings, t('directory.gaps.fewerThanFive')))
  })

  app.get(
    '/api/v1/directory/gaps',
    {
      config: { action: 'directory.gaps.view' },
      ...documentOnly,
      schema: {
        tags: ['Directory'],
        summary: 'Gaps in provision by local authority and theme (counts only)',
        description: `For each local authority, each theme recorded for people (from referral reasons until What Matters is recorded) and how many of those people no active, published service within \`within\` km meets. Counts under ${SUPPRESS_BELOW} are null (suppressed). For team leads, directory editors, commissioners and administrators; audited. Definition: docs/directory-matching.md.`,
        querystring: {
          type: 'object',
          properties: {
            within: { type: 'integer', enum: [...GAP_DISTANCES], default: DEFAULT_GAP_KM, description: 'Kilometres' },
            la: { type: 'string', pattern: '^W06[0-9]{6}$', description: 'Only this local authority (GSS code)' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              withinKm: { type: 'integer' },
              localAuthority: { type: ['string', 'null'] },
              suppressedBelow: { type: 'integer' },
              rows: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    localAuthorityCode: { type: 'string' },
                    localAuthority: { type: 'string', description: 'Name in the language asked for' },
                    theme: { type: 'string', enum: [...themeCodes] },
                    themeName: { type: 'string' },
                    people: countSchema,
                    unmet: countSchema,
                  },
                  required: ['localAuthorityCode', 'localAuthority', 'theme', 'themeName', 'people', 'unmet'],
                },
              },
            },
            required: ['withinKm', 'localAuthority', 'suppressedBelow', 'rows'],
          },
          400: problemResponse('within or la is not valid: see errors'),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { query, errors } = await parse(request)
      if (errors.length) return sendProblem(request, reply, 400, 'validation_failed', request.t('directory.gaps.api.invalid'), { errors: apiErrors(request.t, errors) })
      const rows = showGaps(await report(request, query, 'api'), request.lang)
      return {
        withinKm: query.withinKm,
        localAuthority: query.localAuthority,
        suppressedBelow: SUPPRESS_BELOW,
        rows: rows.map((r) => ({ localAuthorityCode: r.localAuthorityCode, localAuthority: r.localAuthority, theme: r.themeCode, themeName: r.theme, people: r.people, unmet: r.unmet })),
      }
    },
  )
}
