import type { RbaQuestion, ReportResult } from './contract.js'
import { rbaQuestions } from './contract.js'
import { equityColumns, type Labeller, presentEquity, presentMeasure } from './present.js'

/**
 * The report as CSV and XLSX (issue 7 §5): one row per measure cell, with the value exactly as the page shows it
 * after suppression ('<5', '[c]'; a statistic not given is an empty cell), then the equity tables. Both are built
 * from the same presented cells as the page, so a download never says more than the page did.
 */

export type ExportValue = number | string | null
export interface ExportRow {
  measureId: string
  cds: string
  question: string
  label: string
  cell: string
  value: ExportValue
}

export function exportRows(l: Labeller, result: ReportResult): { measures: (ExportRow & { questionCode: RbaQuestion })[]; equity: ExportRow[] } {
  const measures = result.measures.flatMap((m) => {
    const view = presentMeasure(l, m)
    const question = l.t(`reports.questions.${m.question}`)
    return view.cells.map((c) => ({ measureId: m.id, cds: m.cds.join(' '), question, questionCode: m.question, label: view.label, cell: c.name, value: c.value }))
  })
  const equity = result.equity.flatMap((table) => {
    const view = presentEquity(l, table)
    return view.rows.flatMap((row) =>
      row.cells.map((c) => ({ measureId: `equity.${table.dimension}`, cds: '', question: '', label: `${view.caption}: ${row.label}`, cell: `${row.code}:${c.column}`, value: c.value })),
    )
  })
  return { measures, equity }
}

const headers = (l: Labeller) => ['measureId', 'cds', 'question', 'label', 'cell', 'value'].map((h) => l.t(`reports.export.${h}`))

/** A text cell that a spreadsheet would run as a formula is written with a leading apostrophe (CSV injection). */
const safeText = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s)
const csvField = (v: ExportValue) => {
  const s = v === null ? '' : typeof v === 'number' ? String(v) : safeText(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV with a UTF-8 byte order mark, so Excel reads the Welsh letters (ŵ, ŷ) correctly. */
export function reportCsv(l: Labeller, result: ReportResult): string {
  const { measures, equity } = exportRows(l, result)
  const lines = [headers(l), ...[...measures, ...equity].map((r) => [r.measureId, r.cds, r.question, r.label, r.cell, r.value])]
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, '').slice(0, 31).trim()

/** One sheet per RBA question, one for the equity tables, and one of definitions (where each is, in words). */
export async function reportXlsx(l: Labeller, result: ReportResult, baseUrl: string): Promise<Buffer> {
  const { measures } = exportRows(l, result)
  // Loaded on the first export only: the workbook library holds about 20 MB once loaded (issue 9, measured).
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = 'Cyswllt'
  const valueOf = (v: ExportValue) => (v === null ? '' : v)
  for (const question of rbaQuestions) {
    const sheet = book.addWorksheet(sheetName(l.t(`reports.questions.${question}`)))
    sheet.addRow(headers(l)).font = { bold: true }
    for (const r of measures.filter((m) => m.questionCode === question)) sheet.addRow([r.measureId, r.cds, r.question, r.label, r.cell, valueOf(r.value)])
    sheet.columns.forEach((c, i) => (c.width = [18, 14, 26, 50, 24, 14][i] ?? 14))
  }
  const equitySheet = book.addWorksheet(sheetName(l.t('reports.export.equitySheet')))
  for (const table of result.equity) {
    const view = presentEquity(l, table)
    equitySheet.addRow([view.caption]).font = { bold: true }
    equitySheet.addRow([view.dimensionLabel, ...equityColumns.map((c) => l.t(`reports.equity.${c}`))]).font = { bold: true }
    for (const row of view.rows) equitySheet.addRow([row.label, ...row.cells.map((c) => valueOf(c.value))])
    equitySheet.addRow([])
  }
  equitySheet.getColumn(1).width = 40
  const definitions = book.addWorksheet(sheetName(l.t('reports.export.definitionsSheet')))
  definitions.addRow(['measureId', 'cds', 'label', 'definitionUrl', 'definitionText'].map((h) => l.t(`reports.export.${h}`))).font = { bold: true }
  for (const m of result.measures) {
    const first = m.cds[0]
    const key = first ? `coreDataSet.definition.cds${first}` : ''
    definitions.addRow([m.id, m.cds.join(' '), presentMeasure(l, m).label, first ? `${baseUrl}/core-data-set/${first}#definition` : '', key && l.has(key) ? l.t(key) : ''])
  }
  definitions.addRow([])
  definitions.addRow([l.t('reports.export.note')])
  definitions.columns.forEach((c, i) => (c.width = [18, 14, 50, 50, 80][i] ?? 14))
  return Buffer.from(await book.xlsx.writeBuffer())
}
