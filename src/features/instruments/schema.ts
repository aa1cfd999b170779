import type { ColumnType, Generated } from 'kysely'

/** Kysely types for instrument settings (migrations/0019), merged into the platform's DB type. */
type Day = ColumnType<string | null, string | null | undefined, string | null>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Stamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

/** Instruments an organisation must register for (Warwick) or hold a licence for before they are used. */
export const registeredInstruments = ['wemwbs', 'swemwbs'] as const
export const licensedInstruments = ['pam', 'eq5d5l', 'outcomes_star', 'mycaw'] as const
export type PermissionInstrument = (typeof registeredInstruments)[number] | (typeof licensedInstruments)[number]

export interface InstrumentPermissionTable {
  id: Generated<string>
  organisation_id: string
  instrument_id: PermissionInstrument
  kind: 'registration' | 'licence'
  reference: string
  registered_on: Day
  valid_until: Day
  recorded_by: string
  recorded_at: CreatedAt
  withdrawn_at: Stamp
  withdrawn_by: string | null
}

export interface TranslationContent {
  instructions: string
  items: Record<string, string>
  responseLabels: Record<string, string>
}

export interface InstrumentTranslationTable {
  id: Generated<string>
  organisation_id: string
  instrument_id: string
  language: 'cy' | 'en'
  content: ColumnType<TranslationContent, string, string>
  approved_by: string
  approval_reference: string
  loaded_by: string
  loaded_at: CreatedAt
  withdrawn_at: Stamp
  withdrawn_by: string | null
}

export interface InstrumentTables {
  instrument_permissions: InstrumentPermissionTable
  instrument_translations: InstrumentTranslationTable
}
