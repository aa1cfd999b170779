import type { FastifyInstance } from 'fastify'
import { notFound } from '../../platform/http/problems.js'
import { coreDataSetApi } from './api.js'
import type { Translate } from '../../platform/i18n/i18n.js'
import { type Coverage, coverageSummary, definitionKey, outsideReasonKey } from './coverage.js'
import { coverageOfStatement, filteredRows, filterOptions, parseFilter, questionLabel } from './present.js'
import { statementOf, statements } from './statements.js'

const views = 'features/core-data-set/views'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
const code = (values: string[]) => values.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ')

/** The statement page's coverage rows (GOV.UK summary list). */
function coverageRows(t: Translate, c: Coverage) {
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: t(key) }, value })
  const rows = [row('coreDataSet.columns.coverage', { text: t(`coreDataSet.status.${c.status}`) })]
  if (c.status !== 'outside' && c.measureIds)
    rows.push(row('coreDataSet.statementPage.measureIds', { html: code(c.measureIds) }))
  if (c.status === 'recorded') rows.push(row('coreDataSet.statementPage.field', { html: code([c.field]) }))
  if (c.status === 'outside')
    rows.push(row('coreDataSet.statementPage.reason', { text: t(outsideReasonKey(c.reason)) }))
  return rows
}

/** A statement number from the address: digits only, and one Appendix Five lists. */
export function statementNumber(raw: unknown): number | undefined {
  return typeof raw === 'string' && /^\d{1,3}$/.test(raw) && statementOf(Number(raw)) ? Number(raw) : undefined
}

/** The Core Data Set catalogue (issue 7 §1): every statement as published and how Cyswllt answers it. */
export async function coreDataSetRoutes(app: FastifyInstance): Promise<void> {
  app.get('/core-data-set', { config: { action: 'core_data_set.view' } }, async (request, reply) => {
    const filter = parseFilter(request.query as Record<string, unknown>)
    const rows = filteredRows(request.t, filter)
    const summary = coverageSummary()
    return reply.view(`${views}/catalogue.njk`, {
      title: request.t('coreDataSet.title'),
      summary: { ...summary, covered: summary.computed + summary.recorded },
      rows,
      total: statements.length,
      options: filterOptions(request.t, filter),
      filtered: Object.keys(filter).length > 0,
    })
  })

  app.get('/core-data-set/:n', { config: { action: 'core_data_set.view' } }, async (request, reply) => {
    const number = statementNumber((request.params as { n?: unknown }).n)
    const statement = number === undefined ? undefined : statementOf(number)
    if (!statement) throw notFound()
    const c = coverageOfStatement(statement)
    return reply.view(`${views}/statement.njk`, {
      title: request.t('coreDataSet.statementPage.title', { number: statement.number }),
      s: statement,
      question: questionLabel(request.t, statement),
      coverage: c,
      coverageRows: coverageRows(request.t, c),
      definitionKey: definitionKey(statement.number),
    })
  })

  await coreDataSetApi(app)
}
