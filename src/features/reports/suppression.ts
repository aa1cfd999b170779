import type { ReportResult } from './contract.js'

/**
 * Small-number suppression for aggregate audiences (issue 7 §6, DESIGN §7): the one place it happens, for pages,
 * API and exports alike. Stub until the presentation helper's pure function lands: returns the result unchanged.
 */
export function suppress(result: ReportResult): ReportResult {
  return result
}
