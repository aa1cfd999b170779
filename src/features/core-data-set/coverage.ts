import { statements } from './statements.js'

/**
 * How Cyswllt answers each Core Data Set statement (issue 7 §1), following the issue 7 coverage plan:
 * - computed: a report measure module emits it (measure id `cds<N>`, or `cds<N>.<suffix>` for a part of it);
 * - recorded: captured in a record and shown there, not counted by the report engine — the figures managers enter
 *   per period in service and activity returns, and the person's journey on their timeline;
 * - outside: not collectable in a case system, with the reason.
 * Every statement has a definition in words, message key `coreDataSet.definition.cds<N>`, in both languages.
 */
export const coverageStatuses = ['computed', 'recorded', 'outside'] as const
export type CoverageStatus = (typeof coverageStatuses)[number]

export const outsideReasons = [
  'national_indicators',
  'linked_care_records',
  'clinical_diagnosis',
  'no_validated_tool',
  'no_instrument',
] as const
export type OutsideReason = (typeof outsideReasons)[number]

export type Coverage =
  | { status: 'computed'; measureIds: string[] }
  /** `field` names where it is captured (table and column, or the page); `measureIds` when a report shows it too. */
  | { status: 'recorded'; field: string; measureIds?: string[] }
  | { status: 'outside'; reason: OutsideReason }

/** A column named as `table.column`, written this way so it is not taken for a message key. */
const column = (table: string, ...columns: string[]) => columns.map((c) => [table, c].join('.')).join(', ')

/** The period figures (service-returns feature, migration 0027), as named on the issue7-returns branch. */
const returned: Record<number, string> = {
  10: column('service_returns', 'running_costs_pence'),
  9: column('service_returns', 'funding_continues', 'funding_note'),
  28: column('service_returns', 'staff_headcount', 'staff_fte'),
  29: column('service_returns', 'volunteers'),
  26: column('service_returns', 'practitioners_dbs_checked'),
  5: column('service_returns', 'staff_trained_data_collection'),
  7: column('service_returns', 'training_sessions'),
  8: column('service_returns', 'staff_attending_training'),
  6: column('service_returns', 'staff_completed_targeted_training'),
  15: column('service_returns', 'satisfaction_respondents', 'satisfaction_satisfied'),
  11: column('activity_returns', 'running_costs_pence'),
  2: column('activity_returns', 'users_completed_training'),
  3: column('activity_returns', 'user_training_sessions'),
  4: column('activity_returns', 'users_accessing_training'),
  14: column('activity_returns', 'staff_satisfaction_respondents', 'staff_satisfaction_satisfied'),
}

const outside: Record<number, OutsideReason> = {
  85: 'national_indicators',
  56: 'linked_care_records',
  39: 'clinical_diagnosis',
  66: 'no_validated_tool',
  67: 'no_validated_tool',
  90: 'no_validated_tool',
  75: 'no_instrument',
}

/** Measures that answer several statements under an id of their own (coverage plan), listed with each statement. */
const sharedMeasures: Record<number, string[]> = {
  121: ['funnel'],
  43: ['funnel'],
  42: ['funnel'],
  109: ['funnel'],
  100: ['funnel'],
  17: ['carbon'],
  18: ['carbon'],
  38: ['green_blue'],
}

function coverageFor(number: number): Coverage {
  const reason = outside[number]
  if (reason) return { status: 'outside', reason }
  // The journey is recorded on the person's timeline; reports do not count it.
  if (number === 19) return { status: 'recorded', field: 'person timeline (/people/:id)' }
  const field = returned[number]
  // The returns module also shows the entered figures in reports, under the statement's own measure id.
  if (field) return { status: 'recorded', field, measureIds: [`cds${number}`] }
  return { status: 'computed', measureIds: [`cds${number}`, ...(sharedMeasures[number] ?? [])] }
}

export const coverage: ReadonlyMap<number, Coverage> = new Map(statements.map((s) => [s.number, coverageFor(s.number)]))

export function definitionKey(number: number): string {
  return `coreDataSet.definition.cds${number}`
}

export function outsideReasonKey(reason: OutsideReason): string {
  return `coreDataSet.outside.${reason}`
}

export interface CoverageSummary {
  total: number
  computed: number
  recorded: number
  outside: number
}

export function coverageSummary(): CoverageSummary {
  const count = (status: CoverageStatus) => [...coverage.values()].filter((c) => c.status === status).length
  return { total: coverage.size, computed: count('computed'), recorded: count('recorded'), outside: count('outside') }
}
