import type { Selectable } from 'kysely'
import type {
  AccessibilityTable,
  AddressTable,
  AttributeTable,
  ContactTable,
  CostOptionTable,
  DirectoryOrganisationTable,
  FundingTable,
  LocationTable,
  PhoneTable,
  ScheduleTable,
  ServiceAreaTable,
  ServiceLanguageTable,
  ServiceTable,
  TaxonomyTable,
  TaxonomyTermTable,
} from '../schema.js'

/*
 * Pure mapping from directory rows to Open Referral UK 3.0 objects. ORUK has one name and description: the English
 * ones are emitted, or the Welsh where an entry has none in English (the Welsh texts otherwise stay in Cyswllt's pages). Every object passes through omitEmpty
 * before it is sent, so optional fields without a value are left out rather than sent as null.
 */

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json }
export type OrukObject = { [key: string]: Json }

/**
 * Fields some ORUK 3.0 schema requires (the union of every schema's `required`): an empty string there is a value
 * to send (an organisation without a description still has `description: ""`), never a field to leave out.
 */
const requiredKeys = new Set([
  'id',
  'name',
  'description',
  'status',
  'number',
  'address_1',
  'city',
  'state_province',
  'postal_code',
  'country',
  'address_type',
  'location_type',
  'identifier',
  'identifier_type',
])

/**
 * Drops null, undefined, empty strings (except in required fields), empty arrays and empty objects, at every
 * depth. Pure: returns a new value and leaves its input alone.
 */
export function omitEmpty<T extends Json>(value: T): T {
  return clean(value, undefined) as T
}

function clean(value: Json, key: string | undefined): Json {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value === '' && !(key && requiredKeys.has(key)) ? undefined : value
  // Plain loops rather than map/filter and Object.entries: a page of a harvest cleans thousands of objects, and the
  // intermediate arrays and [key, value] pairs were a good part of its garbage.
  if (Array.isArray(value)) {
    const items: Json[] = []
    for (const item of value) {
      const cleaned = clean(item, undefined)
      if (cleaned !== undefined) items.push(cleaned)
    }
    return items.length ? items : undefined
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {}
    let kept = false
    // The objects are plain (literals and parsed JSON): for…in visits their own keys, in Object.keys order.
    for (const k in value) {
      const cleaned = clean(value[k], k)
      if (cleaned !== undefined) {
        out[k] = cleaned
        kept = true
      }
    }
    return kept ? out : undefined
  }
  return value
}

/** The standard's page envelope (service_list.json and the other *_list schemas). */
export interface Page<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

export function page<T>(contents: T[], totalItems: number, pageNumber: number, perPage: number): Page<T> {
  const totalPages = Math.ceil(totalItems / perPage)
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

// Values that the schemas constrain by format are sent only when they have that format: a bad web address in
// imported data is left out instead of making the whole response invalid.
// The e-mail check is ajv-formats' own (its default "full" mode, which the tests validate with): a looser one let
// addresses from the council feeds with a leading space, a zero-width space or a trailing full stop through.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i
function uri(value: string | null): string | undefined {
  if (!value) return undefined
  try {
    const parsed = new URL(value)
    return parsed.protocol ? value : undefined
  } catch {
    return undefined
  }
}
/** An address as published, without the spaces, zero-width spaces or sentence full stop around it; left out if it is still not one. */
export function email(value: string | null): string | undefined {
  const trimmed = value?.replace(/^[\s\u200b-\u200d\ufeff]+|[\s\u200b-\u200d\ufeff.]+$/g, '')
  return trimmed && EMAIL.test(trimmed) ? trimmed : undefined
}
const num = (value: string | number | null) =>
  value === null || value === '' || !Number.isFinite(Number(value)) ? undefined : Number(value)
const isoDate = (value: Date | string | null) =>
  value === null ? undefined : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)
const isoDateTime = (value: Date | string | null) => (value === null ? undefined : new Date(value).toISOString())

export type OrganisationRow = Selectable<DirectoryOrganisationTable>
export type ServiceRow = Selectable<ServiceTable>
export type LocationRow = Selectable<LocationTable>
export type AddressRow = Selectable<AddressTable>
export type AccessibilityRow = Selectable<AccessibilityTable>
export type ScheduleRow = Selectable<ScheduleTable>
export type ContactRow = Selectable<ContactTable>
export type PhoneRow = Selectable<PhoneTable>
export type CostOptionRow = Selectable<CostOptionTable>
export type ServiceAreaRow = Selectable<ServiceAreaTable>
export type LanguageRow = Selectable<ServiceLanguageTable>
export type FundingRow = Selectable<FundingTable>
export type TaxonomyRow = Selectable<TaxonomyTable>
export type TaxonomyTermRow = Selectable<TaxonomyTermTable> & { taxonomy_name?: string | null }
export type AttributeRow = Selectable<AttributeTable> & { term: TaxonomyTermRow }

/** The organisation columns `organization` reads: a list reads only these. */
export const organisationColumns = ['id', 'name', 'name_cy', 'description', 'description_cy', 'email', 'website', 'logo', 'uri', 'parent_organisation_id'] as const
export type OrganisationBasicRow = Pick<OrganisationRow, (typeof organisationColumns)[number]>

/** The service columns `serviceBasic` reads: a list reads only these, not the long search columns. */
export const serviceBasicColumns = ['id', 'directory_organisation_id', 'name', 'name_cy', 'description', 'description_cy', 'url', 'email', 'status', 'fees', 'accreditations', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'alert', 'last_modified'] as const
export type ServiceBasicRow = Pick<ServiceRow, (typeof serviceBasicColumns)[number]>

export function organization(row: OrganisationBasicRow): OrukObject {
  return {
    id: row.id,
    name: row.name.trim() ? row.name : (row.name_cy ?? row.name),
    description: row.description.trim() ? row.description : (row.description_cy ?? row.description),
    email: email(row.email),
    website: uri(row.website),
    logo: row.logo,
    uri: uri(row.uri),
    parent_organization_id: row.parent_organisation_id,
  }
}

/** A service's one-to-one fields (what the list endpoints carry). */
export function serviceBasic(row: ServiceBasicRow): OrukObject {
  return {
    id: row.id,
    organization_id: row.directory_organisation_id,
    // An entry written only in Welsh keeps an empty English name: ORUK has one name, so it carries the Welsh.
    name: row.name.trim() ? row.name : (row.name_cy ?? row.name),
    description: row.description?.trim() ? row.description : (row.description_cy ?? row.description),
    url: uri(row.url),
    email: email(row.email),
    status: row.status,
    fees: row.fees,
    accreditations: row.accreditations,
    minimum_age: num(row.minimum_age),
    maximum_age: num(row.maximum_age),
    assured_date: isoDate(row.assured_date),
    assurer_email: email(row.assurer_email),
    alert: row.alert,
    last_modified: isoDateTime(row.last_modified),
  }
}

export function taxonomyTerm(row: TaxonomyTermRow): OrukObject {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    code: row.code,
    parent_id: row.parent_id,
    taxonomy: row.taxonomy_name,
    taxonomy_id: row.taxonomy_id,
    term_uri: uri(row.term_uri),
  }
}

export function taxonomy(row: TaxonomyRow, terms?: TaxonomyTermRow[]): OrukObject {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    uri: uri(row.uri),
    version: row.version,
    taxonomy_terms: terms?.map(taxonomyTerm),
  }
}

export function attribute(row: AttributeRow): OrukObject {
  return {
    id: row.id,
    link_id: row.link_id,
    link_type: row.link_type,
    taxonomy_term_id: row.taxonomy_term_id,
    value: row.value,
    taxonomy_term: taxonomyTerm(row.term),
  }
}

const FREQUENCIES = new Set(['WEEKLY', 'MONTHLY'])
export function schedule(row: ScheduleRow): OrukObject {
  const freq = row.freq?.toUpperCase()
  return {
    id: row.id,
    service_id: row.service_id,
    service_at_location_id: row.service_at_location_id,
    valid_from: isoDate(row.valid_from),
    valid_to: isoDate(row.valid_to),
    dtstart: isoDateTime(row.dtstart),
    freq: freq && FREQUENCIES.has(freq) ? freq : undefined,
    interval: row.interval,
    byday: row.byday,
    bymonthday: row.bymonthday,
    description: row.description,
    opens_at: row.opens_at,
    closes_at: row.closes_at,
    schedule_link: uri(row.schedule_link),
    attending_type: row.attending_type,
    notes: row.notes,
  }
}

export function phone(row: PhoneRow, languages: LanguageRow[] = []): OrukObject {
  return {
    id: row.id,
    contact_id: row.contact_id,
    service_id: row.service_id,
    number: row.number,
    description: row.description,
    languages: languages.map(language),
  }
}

export function contact(row: ContactRow, phones: OrukObject[]): OrukObject {
  return { id: row.id, service_id: row.service_id, name: row.name, title: row.title, email: email(row.email), phones }
}

export function costOption(row: CostOptionRow): OrukObject {
  return {
    id: row.id,
    service_id: row.service_id,
    valid_from: isoDate(row.valid_from),
    valid_to: isoDate(row.valid_to),
    option: row.option,
    amount: num(row.amount),
    amount_description: row.amount_description,
  }
}

export function serviceArea(row: ServiceAreaRow): OrukObject {
  return {
    id: row.id,
    service_id: row.service_id,
    name: row.name,
    description: row.description,
    extent: row.extent,
    extent_type: row.extent_type,
    uri: uri(row.uri),
  }
}

export function language(row: LanguageRow): OrukObject {
  return {
    id: row.id,
    service_id: row.service_id,
    phone_id: row.phone_id,
    name: row.name,
    code: row.code,
    note: row.note,
  }
}

export function funding(row: FundingRow): OrukObject {
  return { id: row.id, service_id: row.service_id, source: row.source }
}

export function address(row: AddressRow): OrukObject {
  return {
    id: row.id,
    location_id: row.location_id,
    attention: row.attention,
    address_1: row.address_1,
    city: row.city,
    region: row.region,
    state_province: row.state_province,
    postal_code: row.postal_code,
    country: row.country,
    address_type: ['physical', 'postal', 'virtual'].includes(row.address_type) ? row.address_type : 'physical',
  }
}

export function accessibility(row: AccessibilityRow): OrukObject {
  return {
    id: row.id,
    location_id: row.location_id,
    description: row.description,
    details: row.details,
    url: uri(row.url),
  }
}

export function location(row: LocationRow, addresses: AddressRow[], access: AccessibilityRow[] = []): OrukObject {
  return {
    id: row.id,
    location_type: row.location_type,
    name: row.name,
    description: row.description,
    latitude: row.latitude,
    longitude: row.longitude,
    external_identifier: row.external_identifier,
    external_identifier_type: row.external_identifier_type,
    addresses: addresses.map(address),
    accessibility: access.map(accessibility),
  }
}
