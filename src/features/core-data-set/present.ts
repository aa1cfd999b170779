import type { Translate } from '../../platform/i18n/i18n.js'
import {
  type Coverage,
  coverage,
  coverageStatuses,
  type CoverageStatus,
  definitionKey,
  outsideReasonKey,
} from './coverage.js'
import { clusters, type Statement, statements, typesOfData } from './statements.js'

/** The published question as a code, for filters and message keys (the statement keeps the printed text). */
const questionCodes = {
  'How much?': 'how_much',
  'How well?': 'how_well',
  'What difference?': 'what_difference',
  'N/A': 'na',
} as const
export type QuestionCode = (typeof questionCodes)[keyof typeof questionCodes]
export const questionCodeList: QuestionCode[] = ['how_much', 'how_well', 'what_difference', 'na']
const questionKeys: Record<QuestionCode, string> = {
  how_much: 'coreDataSet.questions.howMuch',
  how_well: 'coreDataSet.questions.howWell',
  what_difference: 'coreDataSet.questions.whatDifference',
  na: 'coreDataSet.questions.na',
}

export function questionCode(s: Statement): QuestionCode {
  const code = (questionCodes as Record<string, QuestionCode>)[s.rbaQuestion]
  if (!code) throw new Error(`Statement ${s.number} has an unknown question: ${s.rbaQuestion}`)
  return code
}

export function questionLabel(t: Translate, s: Statement): string {
  return t(questionKeys[questionCode(s)])
}

export interface CatalogueFilter {
  cluster?: number
  question?: QuestionCode
  typeOfData?: string
  coverage?: CoverageStatus
}

const one = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v !== '' ? v : undefined
}

/**
 * The GET form's choices. A value the form does not offer is ignored (the filter is then "any"): a filter that
 * matches nothing is not an error, and a hand-edited address should still show the catalogue.
 */
export function parseFilter(query: Record<string, unknown>): CatalogueFilter {
  const filter: CatalogueFilter = {}
  const cluster = Number(one(query.cluster))
  if (clusters.includes(cluster)) filter.cluster = cluster
  const question = one(query.question)
  if (question && (questionCodeList as string[]).includes(question)) filter.question = question as QuestionCode
  const type = one(query.type)
  if (type && typesOfData.includes(type)) filter.typeOfData = type
  const status = one(query.coverage)
  if (status && (coverageStatuses as readonly string[]).includes(status)) filter.coverage = status as CoverageStatus
  return filter
}

export function matches(s: Statement, filter: CatalogueFilter): boolean {
  return (
    (filter.cluster === undefined || s.cluster === filter.cluster) &&
    (filter.question === undefined || questionCode(s) === filter.question) &&
    (filter.typeOfData === undefined || s.typeOfData === filter.typeOfData) &&
    (filter.coverage === undefined || coverage.get(s.number)?.status === filter.coverage)
  )
}

export function coverageOfStatement(s: Statement): Coverage {
  const c = coverage.get(s.number)
  if (!c) throw new Error(`Statement ${s.number} has no coverage`)
  return c
}

/** What the catalogue table shows of a statement's coverage in a few words. */
export function coverageDetail(t: Translate, c: Coverage): string {
  if (c.status === 'computed') return c.measureIds.join(', ')
  if (c.status === 'recorded') return c.field
  return t(outsideReasonKey(c.reason))
}

export function rowOf(t: Translate, s: Statement) {
  const c = coverageOfStatement(s)
  return {
    ...s,
    question: questionLabel(t, s),
    status: c.status,
    statusLabel: t(`coreDataSet.status.${c.status}`),
    detail: coverageDetail(t, c),
    href: `/core-data-set/${s.number}`,
  }
}

export function filteredRows(t: Translate, filter: CatalogueFilter) {
  return statements.filter((s) => matches(s, filter)).map((s) => rowOf(t, s))
}

/** The statement and its coverage as the API gives them, the definition in the language asked for. */
export function statementJson(t: Translate, s: Statement) {
  const c = coverageOfStatement(s)
  return {
    number: s.number,
    cluster: s.cluster,
    statement: s.statement,
    bridgingValue: s.bridgingValue,
    importance: s.importance,
    easeOfCollection: s.easeOfCollection,
    typeOfData: s.typeOfData,
    rbaQuestion: s.rbaQuestion,
    published: s.published,
    coverage: {
      status: c.status,
      ...(c.status !== 'outside' && c.measureIds ? { measureIds: c.measureIds } : {}),
      ...(c.status === 'recorded' ? { field: c.field } : {}),
      ...(c.status === 'outside' ? { reason: c.reason } : {}),
      definition: t(definitionKey(s.number)),
    },
  }
}

/** The filter form's options, labelled in the user's language. */
export function filterOptions(t: Translate, filter: CatalogueFilter) {
  const any = { value: '', text: t('coreDataSet.filters.any') }
  const opts = (values: { value: string; text: string }[], selected: string | undefined) => [
    any,
    ...values.map((o) => ({ ...o, selected: o.value === selected })),
  ]
  return {
    cluster: opts(
      clusters.map((c) => ({ value: String(c), text: String(c) })),
      filter.cluster?.toString(),
    ),
    question: opts(
      questionCodeList.map((q) => ({ value: q, text: t(questionKeys[q]) })),
      filter.question,
    ),
    type: opts(
      typesOfData.map((v) => ({ value: v, text: v })),
      filter.typeOfData,
    ),
    coverage: opts(
      coverageStatuses.map((v) => ({ value: v, text: t(`coreDataSet.status.${v}`) })),
      filter.coverage,
    ),
  }
}
