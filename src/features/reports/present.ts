import { isThemeCode, themeName } from '../directory/matching/themes.js'
import type { Translate } from '../../platform/i18n/i18n.js'
import type { Language } from '../../platform/i18n/catalogue.js'
import type { CodeCount, Dimension, EquityRow, EquityTable, MeasureResult, Num, RbaQuestion, ReportResult, Stat } from './contract.js'
import { rbaQuestions } from './contract.js'
import { barChart, changeChart } from './charts.js'
import { isInstrumentId } from '../instruments/contract.js'
import { referenceOf } from '../instruments/definitions.js'
import { numberFormat } from '../../platform/i18n/formats.js'

/**
 * Turns a (suppressed) ReportResult into what the page and the exports show: each measure's label, its cells with
 * values formatted for the language, rows labelled from the vocabularies. The page and the CSV/XLSX read the same
 * cells, so an export always says what the page said.
 */

/** How the page writes a hidden count (issue 7 §6): '<5' as is, 'suppressed' as [c] (the ONS convention). */
export const SHOWN_SUPPRESSED = '[c]'
export const SHOWN_NULL = '–'

export interface Labeller {
  lang: Language
  t: Translate
  /** Whether a message exists, so a code without a label falls back to the code rather than a missing key. */
  has: (key: string) => boolean
  /** Names for codes the vocabularies do not carry (local authorities, organisations …). */
  names?: Record<string, string>
}

export interface CellView {
  /** A stable name for the cell: count, numerator, row:gp, stage:attended … */
  name: string
  label: string
  /** As the page shows it: formatted for the language, '<5', '[c]', or '–' for a statistic that is not given. */
  shown: string
  /** As an export gives it: the number, '<5', '[c]', or null. */
  value: number | string | null
}

export interface RowView {
  code: string
  label: string
  count: Num
  shown: string
}

export interface MeasureView {
  id: string
  anchor: string
  cds: number[]
  question: RbaQuestion
  table2: boolean
  kind: string
  label: string
  definitionHref: string | null
  /** The headline a reader sees first. */
  headline: string
  cells: CellView[]
  /** Rows for a chart and its table (breakdown, funnel, scale, carbon), or the statistics of a duration/change. */
  rows: RowView[]
  note: string | null
  /** An inline SVG (breakdowns, funnel, durations, changes, scales, carbon), or null. */
  chart: string | null
}

const plainFormat = (lang: Language, digits = 1) => numberFormat(lang === 'cy' ? 'cy' : 'en-GB', { maximumFractionDigits: digits })

export function formatters(lang: Language) {
  const plain = plainFormat(lang)
  const num = (n: Num | null): string => (n === '<5' ? '<5' : n === 'suppressed' ? SHOWN_SUPPRESSED : n === null ? SHOWN_NULL : plain.format(n))
  const stat = (n: Stat, digits = 1): string => (n === null ? SHOWN_NULL : plainFormat(lang, digits).format(n))
  const percent = (n: Stat): string =>
    n === null ? SHOWN_NULL : numberFormat(lang === 'cy' ? 'cy' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(n / 100)
  const pounds = (pence: Stat): string =>
    pence === null ? SHOWN_NULL : numberFormat(lang === 'cy' ? 'cy' : 'en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100)
  return { num, stat, percent, pounds }
}

const exported = (n: Num | Stat): number | string | null => (n === 'suppressed' ? SHOWN_SUPPRESSED : n)

/** Which vocabulary labels a measure's row codes (a code not found falls back to the generic lists, then itself). */
const rowVocabulary: Record<string, string> = {
  cds41: `referrals.options.routes`,
  cds51: `referrals.options.reasons`,
  cds50: `referrals.options.reasons`,
  cds49: `referrals.options.declineReasons`,
  cds35: `people.options.housingTenure`,
}
const dimensionVocabulary: Partial<Record<Dimension, string>> = {
  sex: `people.options.sex`,
  ethnicity: `people.options.ethnicity`,
  disability: `people.options.disability`,
  route: `referrals.options.routes`,
  language: `reports.languages`,
}

/** Where a row's code is looked for when its measure names no vocabulary: the reports' own, then the lists the
 * pathway records them from (barriers, reasons for not acting, travel modes, experience answers). */
const codeVocabularies = [
  `reports.rows`,
  `reportMeasures.code`,
  `connections.barriers`,
  `connections.notActing`,
  `connections.travelModes`,
  `experience.barriers`,
  `referrals.options.reasons`,
]

export function codeLabel(l: Labeller, code: string, vocabulary?: string): string {
  if (l.names?.[code]) return l.names[code]
  for (const prefix of [vocabulary, ...codeVocabularies].filter(Boolean)) {
    const key = `${prefix}.${code}`
    if (l.has(key)) return l.t(key)
  }
  if (isThemeCode(code)) return themeName(code, l.lang)
  return code
}

export function measureLabel(l: Labeller, id: string): string {
  if (l.has(`reports.measure.${id}`)) return l.t(`reports.measure.${id}`)
  // The outcome, experience and journey measures label their own parts (cds93.ons4_anxiety): measures/outcomes.
  const own = `reportMeasures.measure.${id.replace(/\./g, '_')}`
  if (l.has(own)) return l.t(own)
  // cds91.swemwbs: the statement's label and the instrument (or other part) it is for.
  const [base = id, ...rest] = id.split('.')
  const suffix = rest.join('.')
  const baseLabel = l.has(`reports.measure.${base}`) ? l.t(`reports.measure.${base}`) : base
  if (!suffix) return baseLabel
  const suffixLabel = l.names?.[suffix]
    ? l.names[suffix]
    : isInstrumentId(suffix)
    ? referenceOf(suffix).shortName
    : l.has(`reports.dimensions.${suffix}`)
      ? l.t(`reports.dimensions.${suffix}`)
      : l.has(`reports.rows.${suffix}`)
        ? l.t(`reports.rows.${suffix}`)
        : suffix
  return `${baseLabel}: ${suffixLabel}`
}

export function presentMeasure(l: Labeller, m: MeasureResult): MeasureView {
  const view = measureView(l, m)
  return { ...view, chart: chartFor(l, view, m) }
}

const charted = new Set(['breakdown', 'funnel', 'duration', 'scale', 'carbon'])

function chartFor(l: Labeller, view: Omit<MeasureView, 'chart'>, m: MeasureResult): string | null {
  const description = l.t('reports.chart.alt', { label: view.label, values: view.rows.map((r) => `${r.label} ${r.shown}`).join(', ') })
  const id = `${view.anchor}-chart`
  if (m.value.kind === 'change') {
    const { meanChange, ciLow, ciHigh } = m.value
    if (meanChange === null || ciLow === null || ciHigh === null) return null
    const f = formatters(l.lang)
    return changeChart(id, view.label, description, { mean: meanChange, low: ciLow, high: ciHigh, shown: { mean: f.stat(meanChange, 2), low: f.stat(ciLow, 2), high: f.stat(ciHigh, 2) } })
  }
  if (!charted.has(m.value.kind) || view.rows.length === 0) return null
  if (view.rows.every((r) => typeof r.count !== 'number')) return null
  return barChart(id, view.label, description, view.rows.map((r) => ({ label: r.label, value: typeof r.count === 'number' ? r.count : null, shown: r.shown })))
}

function measureView(l: Labeller, m: MeasureResult): Omit<MeasureView, 'chart'> {
  const f = formatters(l.lang)
  const cell = (name: string, value: Num | Stat, shown?: string): CellView => ({
    name,
    label: l.t(`reports.cells.${name}`),
    shown: shown ?? f.num(value),
    value: exported(value),
  })
  const rowsOf = (rows: CodeCount[], prefix: string): { rows: RowView[]; cells: CellView[] } => {
    // cds36.sex, cds36.ethnicity …: a demographic breakdown is labelled from its dimension's vocabulary.
    const [base = '', suffix = ''] = m.id.split('.')
    const vocabulary = rowVocabulary[base] ?? dimensionVocabulary[suffix as Dimension]
    const views = rows.map((r) => ({ code: r.code, label: codeLabel(l, r.code, vocabulary), count: r.count, shown: f.num(r.count) }))
    return { rows: views, cells: views.map((r) => ({ name: `${prefix}:${r.code}`, label: r.label, shown: r.shown, value: exported(r.count) })) }
  }
  const label = measureLabel(l, m.id)
  const first = m.cds[0]
  const base = { id: m.id, anchor: `measure-${m.id.replace(/[^A-Za-z0-9_-]/g, '-')}`, cds: m.cds, question: m.question, table2: m.table2, kind: m.value.kind, label, definitionHref: first ? `/core-data-set/${first}#definition` : null, note: null }
  const v = m.value
  switch (v.kind) {
    case 'count':
      return { ...base, headline: f.num(v.count), cells: [cell('count', v.count)], rows: [] }
    case 'share': {
      const cells = [cell('numerator', v.numerator), cell('denominator', v.denominator), cell('percent', v.percent, f.percent(v.percent))]
      return { ...base, headline: l.t('reports.summary.share', { numerator: f.num(v.numerator), denominator: f.num(v.denominator), percent: f.percent(v.percent) }), cells, rows: [] }
    }
    case 'duration': {
      const days = (n: Stat) => (n === null ? SHOWN_NULL : l.t('reports.days', { value: f.stat(n) }))
      const cells = [cell('n', v.n), cell('median', v.median, f.stat(v.median)), cell('p90', v.p90, f.stat(v.p90))]
      const rows: RowView[] = [
        { code: 'median', label: l.t('reports.cells.median'), count: v.median ?? 'suppressed', shown: f.stat(v.median) },
        { code: 'p90', label: l.t('reports.cells.p90'), count: v.p90 ?? 'suppressed', shown: f.stat(v.p90) },
      ]
      return { ...base, headline: l.t('reports.summary.duration', { median: days(v.median), p90: days(v.p90), n: f.num(v.n) }), cells, rows }
    }
    case 'breakdown': {
      const r = rowsOf(v.rows, 'row')
      return { ...base, headline: l.t('reports.summary.total', { total: f.num(v.total) }), cells: [cell('total', v.total), ...r.cells], rows: r.rows }
    }
    case 'funnel': {
      const r = rowsOf(v.stages, 'stage')
      return { ...base, headline: r.rows.map((s) => `${s.label} ${s.shown}`).join(' → '), cells: r.cells, rows: r.rows }
    }
    case 'change': {
      const cells = [
        cell('paired', v.paired),
        cell('lost', v.lost),
        cell('meanChange', v.meanChange, f.stat(v.meanChange, 2)),
        cell('ciLow', v.ciLow, f.stat(v.ciLow, 2)),
        cell('ciHigh', v.ciHigh, f.stat(v.ciHigh, 2)),
        cell('improved', v.improved),
        cell('improvedPercent', v.improvedPercent, f.percent(v.improvedPercent)),
        cell('threshold', v.threshold, f.stat(v.threshold, 2)),
      ]
      const rows: RowView[] = [
        { code: 'ciLow', label: l.t('reports.cells.ciLow'), count: v.ciLow ?? 'suppressed', shown: f.stat(v.ciLow, 2) },
        { code: 'meanChange', label: l.t('reports.cells.meanChange'), count: v.meanChange ?? 'suppressed', shown: f.stat(v.meanChange, 2) },
        { code: 'ciHigh', label: l.t('reports.cells.ciHigh'), count: v.ciHigh ?? 'suppressed', shown: f.stat(v.ciHigh, 2) },
      ]
      const headline = l.t('reports.summary.change', { meanChange: f.stat(v.meanChange, 2), ciLow: f.stat(v.ciLow, 2), ciHigh: f.stat(v.ciHigh, 2), paired: f.num(v.paired), improved: f.num(v.improved) })
      return { ...base, headline, cells, rows }
    }
    case 'scale': {
      const r = rowsOf(v.rows, 'row')
      const cells = [cell('n', v.n), cell('mean', v.mean, f.stat(v.mean, 2)), cell('positive', v.positive), cell('positivePercent', v.positivePercent, f.percent(v.positivePercent)), ...r.cells]
      return { ...base, headline: l.t('reports.summary.scale', { positive: f.num(v.positive), n: f.num(v.n), percent: f.percent(v.positivePercent), mean: f.stat(v.mean, 2) }), cells, rows: r.rows }
    }
    case 'money': {
      const cells = [cell('amount', v.pence === null ? null : v.pence / 100, f.pounds(v.pence)), ...(v.per === null ? [] : [cell('per', v.per)])]
      const headline = v.per === null ? f.pounds(v.pence) : l.t('reports.summary.moneyPer', { amount: f.pounds(v.pence), per: f.num(v.per) })
      return { ...base, headline, cells, rows: [] }
    }
    case 'carbon': {
      const r = rowsOf(v.rows, 'row')
      const cells = [cell('kgCo2e', v.kgCo2e, f.stat(v.kgCo2e)), cell('connections', v.connections), cell('factorYear', v.factorYear, String(v.factorYear)), ...r.cells]
      return { ...base, headline: l.t('reports.summary.carbon', { kg: f.stat(v.kgCo2e), connections: f.num(v.connections), year: v.factorYear }), cells, rows: r.rows }
    }
    case 'not_available': {
      const reason = l.has(v.reasonKey) ? l.t(v.reasonKey) : l.t('reports.cells.reason')
      return { ...base, headline: reason, cells: [{ name: 'reason', label: l.t('reports.cells.reason'), shown: reason, value: reason }], rows: [], note: reason }
    }
  }
}

export const equityColumns = ['referrals', 'engaged', 'completed', 'paired', 'improved', 'population', 'ratePer1000'] as const

export interface EquityView {
  dimension: Dimension
  dimensionLabel: string
  caption: string
  rows: { code: string; label: string; cells: { column: string; shown: string; value: number | string | null }[] }[]
}

export function presentEquity(l: Labeller, table: EquityTable): EquityView {
  const f = formatters(l.lang)
  const row = (r: EquityRow, label: string) => ({
    code: r.code,
    label,
    cells: equityColumns.map((column) => {
      const v = r[column]
      const shown = column === 'ratePer1000' ? f.stat(v as Stat, 2) : f.num(v as Num | null)
      return { column, shown, value: exported(v) }
    }),
  })
  const dimensionLabel = l.t(`reports.dimensions.${table.dimension}`)
  return {
    dimension: table.dimension,
    dimensionLabel,
    caption: l.t('reports.equity.caption', { dimension: dimensionLabel }),
    rows: [...table.rows.map((r) => row(r, codeLabel(l, r.code, dimensionVocabulary[table.dimension]))), row(table.total, l.t('reports.equity.total'))],
  }
}

/** The page's order (issue 7 §5): Table 2 under the three questions, every other measure by question, then equity. */
export function presentReport(l: Labeller, result: ReportResult) {
  const measures = result.measures.map((m) => presentMeasure(l, m))
  const welshIds = new Set(['cds13'])
  const byQuestion = (list: MeasureView[]) =>
    rbaQuestions.map((question) => ({ question, title: l.t(`reports.questions.${question}`), measures: list.filter((m) => m.question === question) }))
  const equity = result.equity.filter((e) => e.dimension !== 'language').map((e) => presentEquity(l, e))
  const welshEquity = result.equity.filter((e) => e.dimension === 'language').map((e) => presentEquity(l, e))
  const shown = [...measures.flatMap((m) => m.cells.map((c) => c.shown)), ...[...equity, ...welshEquity].flatMap((e) => e.rows.flatMap((r) => r.cells.map((c) => c.shown)))]
  return {
    table2: byQuestion(measures.filter((m) => m.table2)),
    others: byQuestion(measures.filter((m) => !m.table2 && !welshIds.has(m.id.split('.')[0] ?? ''))),
    welsh: measures.filter((m) => !m.table2 && welshIds.has(m.id.split('.')[0] ?? '')),
    equity,
    welshEquity,
    footnotes: { lessThanFive: shown.includes('<5'), suppressed: shown.includes(SHOWN_SUPPRESSED), notShown: shown.includes(SHOWN_NULL) },
  }
}
