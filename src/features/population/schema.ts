import type { ColumnType } from 'kysely'

/** Kysely types for mid-year population estimates (issue 7 §3, migrations/0028), merged into the platform's DB type. */
export interface PopulationEstimatesTable {
  year: number
  local_authority_code: string
  age_band: string
  sex: ColumnType<string, string | undefined, string>
  population: number
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface PopulationTables {
  population_estimates: PopulationEstimatesTable
}
