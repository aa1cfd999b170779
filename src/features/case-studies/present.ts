import type { CaseStudyRow } from './repository.js'
import { screenText } from './screen.js'

/** The automatic screen's warnings over everything that would leave the organisation: title and story. */
export function warningsFor(row: CaseStudyRow) {
  const person = row.given_name
    ? {
        given_name: row.given_name,
        family_name: row.family_name ?? '',
        postcode: row.postcode ?? null,
        nhs_number: row.nhs_number ?? null,
      }
    : null
  return screenText([row.title, row.what_mattered, row.support, row.what_changed].join('\n'), person)
}
