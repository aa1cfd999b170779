import type { ColumnType, Generated } from 'kysely'

/** Kysely types for contacts with the person and healthcare use (issue 5 §6, §10) (migrations/0017), merged into the platform's DB type. */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>

export const contactModes = ['face_to_face', 'phone', 'video', 'home_visit', 'message'] as const
export type ContactMode = (typeof contactModes)[number]
export const contactParties = ['person', 'carer', 'asset', 'referrer'] as const
export type ContactParty = (typeof contactParties)[number]
export const contactTypes = ['what_matters', 'review', 'follow_up', 'accompanied_visit', 'other'] as const
export type ContactType = (typeof contactTypes)[number]
export const contactLanguages = ['cy', 'en', 'other'] as const
export type ContactLanguage = (typeof contactLanguages)[number]

/** CDS #57–#61, in the order the form asks them. */
export const healthcareItems = [
  'gp_appointments',
  'gp_contacts',
  'ae_attendances',
  'emergency_calls',
  'other_services',
] as const
export type HealthcareItem = (typeof healthcareItems)[number]
export const healthcareOccasions = ['start', 'end'] as const
export type HealthcareOccasion = (typeof healthcareOccasions)[number]

export interface ContactTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  occurred_at: Stamp
  mode: ContactMode
  duration_minutes: number | null
  with_whom: ContactParty[]
  contact_type: ContactType
  did_not_attend: boolean
  language: ContactLanguage
  barriers: Generated<string[]>
  progress_note: string | null
  recorded_by: string | null
  created_at: Generated<Date>
}

export interface HealthcareUseTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  occasion: HealthcareOccasion
  asked_on: ColumnType<string, string, string>
  gp_appointments: number | null
  gp_contacts: number | null
  ae_attendances: number | null
  emergency_calls: number | null
  other_services: number | null
  prefer_not_to_say: Generated<string[]>
  recorded_by: string | null
  created_at: Generated<Date>
  updated_at: Stamp
}

export interface ContactTables {
  support_contacts: ContactTable
  healthcare_use: HealthcareUseTable
}
