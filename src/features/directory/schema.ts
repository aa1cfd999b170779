import type { ColumnType, Generated } from 'kysely'

/**
 * Kysely types for the directory tables (migrations/0009_directory.sql), merged into the platform's DB type in
 * src/platform/db/schema.ts. Names follow Open Referral UK 3.0 except where Cyswllt adds to it.
 */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type Nullable<T> = T | null

export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const
export const howToAccess = ['open_access', 'via_practitioner', 'referral_form'] as const
export const capacityStatuses = ['places_available', 'limited', 'full', 'waiting_list'] as const
export const welshProvision = ['welsh_medium', 'bilingual', 'english_only'] as const
export const lifeStages = ['children', 'young_people', 'adults', 'older_people', 'families'] as const
export const accessibilityFeatures = ['step_free', 'hearing_loop', 'quiet_space', 'bsl', 'large_print', 'accessible_toilet', 'parking', 'near_public_transport'] as const
export const attendingTypes = ['in_person', 'online', 'phone'] as const

export interface DirectoryOrganisationTable {
  id: string
  name: string
  name_cy: Nullable<string>
  description: Generated<string>
  description_cy: Nullable<string>
  email: Nullable<string>
  website: Nullable<string>
  logo: Nullable<string>
  uri: Nullable<string>
  parent_organisation_id: Nullable<string>
  managed_by_organisation_id: Nullable<string>
  created_at: Stamp
  updated_at: Stamp
}

export interface ServiceTable {
  id: string
  directory_organisation_id: Nullable<string>
  name: string
  name_cy: Nullable<string>
  description: Nullable<string>
  description_cy: Nullable<string>
  url: Nullable<string>
  email: Nullable<string>
  status: Generated<(typeof serviceStatuses)[number]>
  fees: Nullable<string>
  accreditations: Nullable<string>
  minimum_age: Nullable<string>
  maximum_age: Nullable<string>
  assured_date: Nullable<string>
  assurer_email: Nullable<string>
  alert: Nullable<string>
  how_to_access: Nullable<(typeof howToAccess)[number]>
  capacity_status: Nullable<(typeof capacityStatuses)[number]>
  waiting_list_weeks: Nullable<number>
  capacity_confirmed_at: Nullable<Stamp>
  welsh_provision: Nullable<(typeof welshProvision)[number]>
  life_stages: Generated<string[]>
  accessibility_features: Generated<string[]>
  attending_types: Generated<string[]>
  free_or_low_cost: Nullable<boolean>
  safeguarding_policy: Nullable<boolean>
  dbs_checks: Nullable<boolean>
  last_verified_at: Nullable<Stamp>
  /** The user who last marked the entry verified (migrations/0011_directory_editing.sql). */
  last_verified_by: Generated<string | null>
  published: Generated<boolean>
  search_text: Generated<string>
  created_at: Stamp
  last_modified: Stamp
}

export interface LocationTable {
  id: string
  location_type: Generated<'physical' | 'postal' | 'virtual'>
  name: Nullable<string>
  name_cy: Nullable<string>
  description: Nullable<string>
  latitude: Nullable<number>
  longitude: Nullable<number>
  external_identifier: Nullable<string>
  external_identifier_type: Nullable<string>
  directory_organisation_id: Nullable<string>
}

export interface AddressTable {
  id: string
  location_id: string
  attention: Nullable<string>
  address_1: string
  city: string
  region: Nullable<string>
  state_province: Generated<string>
  postal_code: string
  country: Generated<string>
  address_type: Generated<string>
}

export interface ServiceAtLocationTable {
  id: string
  service_id: string
  location_id: string
}

export interface ScheduleTable {
  id: string
  service_id: Nullable<string>
  service_at_location_id: Nullable<string>
  valid_from: Nullable<string>
  valid_to: Nullable<string>
  dtstart: Nullable<Stamp>
  freq: Nullable<string>
  interval: Nullable<number>
  byday: Nullable<string>
  bymonthday: Nullable<string>
  description: Nullable<string>
  description_cy: Nullable<string>
  opens_at: Nullable<string>
  closes_at: Nullable<string>
  schedule_link: Nullable<string>
  attending_type: Nullable<string>
  notes: Nullable<string>
}

export interface ContactTable {
  id: string
  service_id: Nullable<string>
  name: Nullable<string>
  title: Nullable<string>
  email: Nullable<string>
}

export interface PhoneTable {
  id: string
  service_id: Nullable<string>
  contact_id: Nullable<string>
  number: string
  description: Nullable<string>
}

export interface CostOptionTable {
  id: string
  service_id: string
  valid_from: Nullable<string>
  valid_to: Nullable<string>
  option: Nullable<string>
  amount: Nullable<string>
  amount_description: Nullable<string>
}

export interface ServiceAreaTable {
  id: string
  service_id: string
  name: Nullable<string>
  description: Nullable<string>
  extent: Nullable<string>
  extent_type: Nullable<string>
  uri: Nullable<string>
  local_authority_code: Nullable<string>
}

export interface ServiceLanguageTable {
  id: string
  service_id: Nullable<string>
  phone_id: Nullable<string>
  name: Nullable<string>
  code: Nullable<string>
  note: Nullable<string>
}

export interface AccessibilityTable {
  id: string
  location_id: string
  description: Nullable<string>
  details: Nullable<string>
  url: Nullable<string>
}

export interface FundingTable {
  id: string
  service_id: Nullable<string>
  source: Nullable<string>
}

export interface TaxonomyTable {
  id: string
  name: string
  name_cy: Nullable<string>
  description: Generated<string>
  uri: Nullable<string>
  version: Nullable<string>
}

export interface TaxonomyTermTable {
  id: string
  taxonomy_id: Nullable<string>
  parent_id: Nullable<string>
  code: Nullable<string>
  name: string
  name_cy: Nullable<string>
  description: Generated<string>
  description_cy: Nullable<string>
  term_uri: Nullable<string>
}

export interface AttributeTable {
  id: string
  link_id: string
  link_type: string
  taxonomy_term_id: string
  value: Nullable<string>
}

export const proposalStatuses = ['pending', 'approved', 'rejected'] as const

/** A name or description change proposed by an asset organisation's user, for an editor to approve (0011). */
export interface ServiceChangeProposalTable {
  id: string
  service_id: string
  organisation_id: string
  proposed_by: string
  name: Nullable<string>
  name_cy: Nullable<string>
  description: Nullable<string>
  description_cy: Nullable<string>
  status: Generated<(typeof proposalStatuses)[number]>
  rejection_reason: Nullable<string>
  reviewed_by: Nullable<string>
  reviewed_at: Nullable<Stamp>
  created_at: Generated<Date>
}

export interface DirectoryTables {
  service_change_proposals: ServiceChangeProposalTable
  directory_organisations: DirectoryOrganisationTable
  services: ServiceTable
  locations: LocationTable
  addresses: AddressTable
  service_at_locations: ServiceAtLocationTable
  schedules: ScheduleTable
  contacts: ContactTable
  phones: PhoneTable
  cost_options: CostOptionTable
  service_areas: ServiceAreaTable
  service_languages: ServiceLanguageTable
  accessibility: AccessibilityTable
  fundings: FundingTable
  taxonomies: TaxonomyTable
  taxonomy_terms: TaxonomyTermTable
  attributes: AttributeTable
}
