import type { Translate } from '../../../platform/i18n/i18n.js'
import type { RowProblem } from './import.js'

/** One problem with a CSV file in a language: "Row 4, column email: enter an e-mail address …". */
export function problemText(t: Translate, p: RowProblem): string {
  const what = t(`directory.csv.problems.${p.problem}`, { allowed: p.allowed ?? '' })
  if (p.row === 0) return what
  return p.column
    ? t('directory.csv.rowColumn', { row: p.row, column: p.column, problem: what })
    : t('directory.csv.row', { row: p.row, problem: what })
}
