import { createHash } from 'node:crypto'
import { serviceStatuses } from '../schema.js'
import { searchText } from '../search-text.js'

/**
 * Turns a parsed Open Referral UK file into rows for the directory tables. Pure: no I/O. Accepts
 *  - an ORUK 3.0 page of services or organisations ({ total_items, page_number, contents: [...] }; a v1 page's
 *    `content` too),
 *  - one full service, or one full organisation (with its `services`),
 *  - a bare list of services or organisations, which is what ORUK v1 feeds serve.
 * Each service is read with the 3.0 field names and, where 3.0 renamed or restructured them, the v1 ones:
 *   v1 regular_schedules → schedules, eligibilitys → minimum/maximum age and an "eligibility" attribute,
 *   service_taxonomys → attributes, fundings → funding, languages[].language → name,
 *   service_areas[].service_area → name, locations.physical_addresses → addresses,
 *   accessibility_for_disabilities[].accessibility → accessibility.description, organization.url → website,
 *   Placecube's pc_targetAudience → attributes in a "Target audience" taxonomy.
 * Wrong types, a service without an id or name, a bad date, time or status, or coordinates out of range are
 * ERRORS (the whole file is refused, each reported with its path). Missing content the tables need (a blank
 * service name, an address without a first line, a duplicate id) makes the record SKIPPED, with a reason.
 */

/**
 * Ids that are not UUIDs (v1 feeds use words such as "Homeless" for target audiences, and some publishers
 * numbers) become UUID v5 of `<table>:<original id>` in this fixed namespace, so that re-importing a feed
 * finds the same rows. The original id is kept where the tables have a place for it: a taxonomy term's `code`
 * and a location's `external_identifier` (type 'source_id' when the location gives no identifier of its own);
 * for a service or organisation, an attribute (link_type 'service' or 'organization') whose `value` is the
 * original id, on the term "Source identifier" of the taxonomy "Cyswllt import".
 * UUIDs are kept as given (lower-cased); any 8-4-4-4-12 hex id is accepted as PostgreSQL does.
 */
export const ORUK_ID_NAMESPACE = '5c3d2a61-6f1e-4b8e-9a51-2f0c7b9e4d10'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function uuidV5(name: string, namespace = ORUK_ID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The database id for an id from a file: the UUID itself, or UUID v5 of `<kind>:<id>`. */
export function mapId(raw: string, kind: string): string {
  return UUID.test(raw) ? raw.toLowerCase() : uuidV5(`${kind}:${raw}`)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** Descriptions in v1 feeds are HTML: for search, tags become spaces and the common entities their characters. */
export function plainText(html: string | null): string | null {
  if (html === null) return null
  return html.replace(/<[^>]*>/g, ' ').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

export const entities = [
  'taxonomies',
  'taxonomy_terms',
  'directory_organisations',
  'services',
  'locations',
  'addresses',
  'service_at_locations',
  'schedules',
  'contacts',
  'phones',
  'service_languages',
  'cost_options',
  'service_areas',
  'accessibility',
  'fundings',
  'attributes',
] as const
export type Entity = (typeof entities)[number]

export type Row = Record<string, string | number | null>

export interface Skip {
  entity: Entity
  path: string
  reason: string
}

export interface Normalised {
  format: string
  rows: Record<Entity, Map<string, Row>>
  skipped: Skip[]
  /** Ids referred to but not in the file (organisation parents, term parents, taxonomies, terms): the import
   * keeps the link only if the database has them. */
  references: { entity: Entity; id: string; column: string; table: Entity; rowId: string }[]
  errors: string[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const MAX_ERRORS = 50
const DATE = /^(\d{4})-(\d{2})-(\d{2})/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

class Reader {
  errors: string[] = []
  skipped: Skip[] = []
  references: Normalised['references'] = []
  rows = Object.fromEntries(entities.map((e) => [e, new Map<string, Row>()])) as Record<Entity, Map<string, Row>>
  private firstPath = new Map<string, string>()
  private pairs = new Map<string, string>()

  error(path: string, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(`${path}: ${message}`)
  }

  skip(entity: Entity, path: string, reason: string): void {
    this.skipped.push({ entity, path, reason })
  }

  /** A text field: absent, null → null; a number is accepted as its text; anything else is an error. */
  text(o: Obj, key: string, path: string): string | null {
    const v = o[key]
    if (v === undefined || v === null) return null
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
    if (typeof v !== 'string') {
      this.error(`${path}.${key}`, 'must be text')
      return null
    }
    return v
  }

  /** Text with blanks as null. */
  value(o: Obj, key: string, path: string): string | null {
    const v = this.text(o, key, path)
    return v === null || v.trim() === '' ? null : v.trim()
  }

  number(o: Obj, key: string, path: string, min: number, max: number): number | null {
    const v = o[key]
    if (v === undefined || v === null || v === '') return null
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
    if (!Number.isFinite(n)) {
      this.error(`${path}.${key}`, 'must be a number')
      return null
    }
    if (n < min || n > max) {
      this.error(`${path}.${key}`, `must be between ${min} and ${max}`)
      return null
    }
    return n
  }

  date(o: Obj, key: string, path: string): string | null {
    const v = this.value(o, key, path)
    if (v === null) return null
    const m = DATE.exec(v)
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
    if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
      this.error(`${path}.${key}`, 'must be a date written YYYY-MM-DD')
      return null
    }
    return `${m[1]}-${m[2]}-${m[3]}`
  }

  dateTime(o: Obj, key: string, path: string): string | null {
    const v = this.value(o, key, path)
    if (v === null) return null
    if (!DATE.test(v) || Number.isNaN(Date.parse(v))) {
      this.error(`${path}.${key}`, 'must be a date or date and time (ISO 8601)')
      return null
    }
    // Normalised so that re-importing compares equal to what the database returns.
    return new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString()
  }

  time(o: Obj, key: string, path: string): string | null {
    const v = this.value(o, key, path)
    if (v === null) return null
    const m = TIME.exec(v)
    if (!m) {
      this.error(`${path}.${key}`, 'must be a time written HH:MM or HH:MM:SS')
      return null
    }
    return `${m[1]}:${m[2]}:${m[4] ?? '00'}`
  }

  /** A list of objects: absent or null → []; anything else is an error. */
  list(o: Obj, key: string, path: string): [Obj, string][] {
    const v = o[key]
    if (v === undefined || v === null) return []
    if (!Array.isArray(v)) {
      this.error(`${path}.${key}`, 'must be a list')
      return []
    }
    const out: [Obj, string][] = []
    v.forEach((item, i) => {
      if (isObj(item)) out.push([item, `${path}.${key}[${i}]`])
      else this.error(`${path}.${key}[${i}]`, 'must be an object')
    })
    return out
  }

  object(o: Obj, key: string, path: string): Obj | null {
    const v = o[key]
    if (v === undefined || v === null) return null
    if (!isObj(v)) {
      this.error(`${path}.${key}`, 'must be an object')
      return null
    }
    return v
  }

  /** The record's id, mapped; an absent or blank id is an error. */
  id(o: Obj, path: string, kind: Entity): string | null {
    const raw = this.value(o, 'id', path)
    if (raw === null) {
      if (o.id === undefined || o.id === null || typeof o.id === 'string') this.error(`${path}.id`, 'is required')
      return null
    }
    return mapId(raw, kind)
  }

  /** Adds a row once: a repeat with the same content is ignored, a different one skipped (the first wins). */
  add(entity: Entity, path: string, row: Row & { id: string }): boolean {
    const map = this.rows[entity]
    const existing = map.get(row.id)
    if (!existing) {
      map.set(row.id, row)
      this.firstPath.set(`${entity}:${row.id}`, path)
      return true
    }
    if (JSON.stringify(existing) !== JSON.stringify(row))
      this.skip(
        entity,
        path,
        `the id is repeated with different details; the first, at ${this.firstPath.get(`${entity}:${row.id}`)}, is kept`,
      )
    return false
  }

  // --- Records ---------------------------------------------------------------------------------------------

  organisation(o: Obj, path: string): string | null {
    const id = this.id(o, path, 'directory_organisations')
    const name = this.value(o, 'name', path)
    const description = this.text(o, 'description', path) ?? ''
    const email = this.value(o, 'email', path)
    const website = this.value(o, 'website', path) ?? this.value(o, 'url', path)
    const logo = this.value(o, 'logo', path)
    const uri = this.value(o, 'uri', path)
    const parentRaw = this.value(o, 'parent_organization_id', path)
    if (id === null) return null
    if (name === null) {
      this.skip('directory_organisations', path, 'no name')
      return null
    }
    const parent = parentRaw === null ? null : mapId(parentRaw, 'directory_organisations')
    if (parent !== null && parent !== id)
      this.references.push({
        entity: 'directory_organisations',
        id: parent,
        column: 'parent_organisation_id',
        table: 'directory_organisations',
        rowId: id,
      })
    this.add('directory_organisations', path, {
      id,
      name,
      description,
      email,
      website,
      logo,
      uri,
      parent_organisation_id: parent === id ? null : parent,
    })
    this.sourceId(o, path, id, 'organization')
    return id
  }

  service(o: Obj, path: string, organisationId: string | null = null): void {
    const id = this.id(o, path, 'services')
    if (o.name === undefined || o.name === null) this.error(`${path}.name`, 'is required')
    const name = this.value(o, 'name', path)
    const description = this.value(o, 'description', path)
    const statusRaw = this.value(o, 'status', path)?.toLowerCase() ?? 'active'
    const status = (serviceStatuses as readonly string[]).includes(statusRaw) ? statusRaw : null
    if (status === null) this.error(`${path}.status`, `must be one of ${serviceStatuses.join(', ')}`)
    const eligibilities = this.list(o, 'eligibilitys', path)
    let minimumAge = this.number(o, 'minimum_age', path, 0, 150)
    let maximumAge = this.number(o, 'maximum_age', path, 0, 150)
    for (const [e, p] of eligibilities) {
      minimumAge ??= this.number(e, 'minimum_age', p, 0, 150)
      maximumAge ??= this.number(e, 'maximum_age', p, 0, 150)
    }
    let orgId = organisationId
    let orgName: string | null = null
    const org = this.object(o, 'organization', path)
    if (org) {
      orgId = this.organisation(org, `${path}.organization`)
      if (orgId) orgName = (this.rows.directory_organisations.get(orgId)?.name as string | undefined) ?? null
    } else {
      const ref = this.value(o, 'organization_id', path)
      if (ref !== null && orgId === null) orgId = mapId(ref, 'directory_organisations')
      if (orgId) orgName = (this.rows.directory_organisations.get(orgId)?.name as string | undefined) ?? null
    }
    const row = {
      id: id ?? '',
      directory_organisation_id: orgId,
      name: name ?? '',
      description,
      url: this.value(o, 'url', path),
      email: this.value(o, 'email', path),
      status: status ?? 'active',
      fees: this.value(o, 'fees', path) ?? this.value(o, 'fees_description', path),
      accreditations: this.value(o, 'accreditations', path),
      minimum_age: minimumAge === null ? null : String(minimumAge),
      maximum_age: maximumAge === null ? null : String(maximumAge),
      assured_date: this.date(o, 'assured_date', path),
      assurer_email: this.value(o, 'assurer_email', path),
      alert: this.value(o, 'alert', path),
      search_text: searchText(name, null, plainText(description), null, orgName),
    }
    if (id === null) return
    if (name === null) {
      this.skip('services', path, 'no name')
      return
    }
    if (this.rows.services.has(id)) {
      this.skip('services', path, `the id is repeated; the first, at ${this.firstPath.get(`services:${id}`)}, is kept`)
      return
    }
    if (orgId && !this.rows.directory_organisations.has(orgId))
      this.references.push({
        entity: 'services',
        id: orgId,
        column: 'directory_organisation_id',
        table: 'directory_organisations',
        rowId: id,
      })
    this.add('services', path, row)
    this.sourceId(o, path, id, 'service')

    const schedules = [...this.list(o, 'schedules', path), ...this.list(o, 'regular_schedules', path)]
    for (const [s, p] of schedules) this.schedule(s, p, id, null)
    for (const [s, p] of this.list(o, 'service_areas', path)) {
      const sid = this.id(s, p, 'service_areas')
      const row = {
        id: sid ?? '',
        service_id: id,
        name: this.value(s, 'name', p) ?? this.value(s, 'service_area', p),
        description: this.value(s, 'description', p),
        extent: this.value(s, 'extent', p),
        extent_type: this.value(s, 'extent_type', p),
        uri: this.value(s, 'uri', p),
      }
      if (sid) this.add('service_areas', p, row)
    }
    for (const [l, p] of this.list(o, 'languages', path)) this.language(l, p, id, null)
    for (const [f, p] of [...this.list(o, 'funding', path), ...this.list(o, 'fundings', path)]) {
      const fid = this.id(f, p, 'fundings')
      const source = this.value(f, 'source', p)
      if (fid) this.add('fundings', p, { id: fid, service_id: id, source })
    }
    for (const [c, p] of this.list(o, 'cost_options', path)) {
      const cid = this.id(c, p, 'cost_options')
      const amount = this.number(c, 'amount', p, 0, 1e9)
      const row = {
        id: cid ?? '',
        service_id: id,
        valid_from: this.date(c, 'valid_from', p),
        valid_to: this.date(c, 'valid_to', p),
        option: this.value(c, 'option', p),
        amount: amount === null ? null : String(amount),
        amount_description: this.value(c, 'amount_description', p),
      }
      if (cid) this.add('cost_options', p, row)
    }
    for (const [c, p] of this.list(o, 'contacts', path)) {
      const cid = this.id(c, p, 'contacts')
      const row = {
        id: cid ?? '',
        service_id: id,
        name: this.value(c, 'name', p),
        title: this.value(c, 'title', p),
        email: this.value(c, 'email', p),
      }
      if (cid) this.add('contacts', p, row)
      for (const [ph, pp] of this.list(c, 'phones', p)) this.phone(ph, pp, cid ? id : null, cid)
    }
    for (const [ph, pp] of this.list(o, 'phones', path)) this.phone(ph, pp, id, null)
    this.list(o, 'service_at_locations', path).forEach(([sal, p]) => this.serviceAtLocation(sal, p, id))
    // v1 listings may give locations without service_at_location records.
    this.list(o, 'locations', path).forEach(([loc, p]) => {
      const locationId = this.location(loc, p)
      if (locationId) this.link(uuidV5(`service_at_locations:${id}:${locationId}`), id, locationId, p)
    })
    for (const [a, p] of this.list(o, 'attributes', path)) this.attribute(a, p, id)
    for (const [t, p] of this.list(o, 'service_taxonomys', path)) {
      const term = this.object(t, 'taxonomy', p)
      const termId = term ? this.term(term, `${p}.taxonomy`) : null
      const aid = this.id(t, p, 'attributes')
      if (aid && termId)
        this.add('attributes', p, { id: aid, link_id: id, link_type: 'service', taxonomy_term_id: termId, value: null })
    }
    for (const [e, p] of eligibilities) {
      const text = this.value(e, 'eligibility', p)
      if (text === null) continue
      const termId = this.simpleTerm('Eligibility', text)
      this.add('attributes', p, {
        id: uuidV5(`attributes:eligibility:${id}:${termId}`),
        link_id: id,
        link_type: 'service',
        taxonomy_term_id: termId,
        value: null,
      })
    }
    for (const [t, p] of this.list(o, 'pc_targetAudience', path)) {
      const text = this.value(t, 'audienceType', p) ?? this.value(t, 'id', p)
      if (text === null) continue
      const termId = this.simpleTerm('Target audience', text)
      this.add('attributes', p, {
        id: uuidV5(`attributes:target_audience:${id}:${termId}`),
        link_id: id,
        link_type: 'service',
        taxonomy_term_id: termId,
        value: null,
      })
    }
  }

  /** Keeps a non-UUID id of a service or organisation as an attribute's value (see ORUK_ID_NAMESPACE). */
  sourceId(o: Obj, path: string, id: string, linkType: 'service' | 'organization'): void {
    const raw = this.value(o, 'id', path)
    if (raw === null || UUID.test(raw)) return
    const termId = this.simpleTerm(
      'Cyswllt import',
      'Source identifier',
      'Ids records had in the files they were imported from, when those were not UUIDs',
    )
    this.add('attributes', path, {
      id: uuidV5(`attributes:source_id:${linkType}:${id}`),
      link_id: id,
      link_type: linkType,
      taxonomy_term_id: termId,
      value: raw,
    })
  }

  /** A term in a taxonomy named by the importer (v1 eligibility texts, Placecube target audiences, source ids). */
  simpleTerm(taxonomy: string, name: string, taxonomyDescription = 'Imported from Open Referral UK v1 feeds'): string {
    const taxonomyId = uuidV5(`taxonomies:${taxonomy}`)
    this.add('taxonomies', '', {
      id: taxonomyId,
      name: taxonomy,
      description: taxonomyDescription,
      uri: null,
      version: null,
    })
    const termId = uuidV5(`taxonomy_terms:${taxonomy}:${name}`)
    this.add('taxonomy_terms', '', {
      id: termId,
      taxonomy_id: taxonomyId,
      parent_id: null,
      code: name,
      name,
      description: '',
      term_uri: null,
    })
    return termId
  }

  /** An ORUK 3.0 taxonomy_term or a v1 taxonomy ({ id, name, vocabulary, parent }); returns the term id. */
  term(t: Obj, path: string): string | null {
    const rawId = this.value(t, 'id', path)
    const name = this.value(t, 'name', path) ?? this.value(t, 'term', path)
    const description = this.text(t, 'description', path) ?? ''
    const termUri = this.value(t, 'term_uri', path)
    const parentRaw = this.value(t, 'parent_id', path) ?? this.value(t, 'parent', path)
    const detail = this.object(t, 'taxonomy_detail', path)
    const taxonomyName = this.value(t, 'taxonomy', path) ?? this.value(t, 'vocabulary', path)
    const taxonomyRef = this.value(t, 'taxonomy_id', path)
    if (rawId === null) {
      this.error(`${path}.id`, 'is required')
      return null
    }
    const id = mapId(rawId, 'taxonomy_terms')
    let taxonomyId: string | null = null
    if (detail) {
      const tid = this.id(detail, `${path}.taxonomy_detail`, 'taxonomies')
      const tname = this.value(detail, 'name', `${path}.taxonomy_detail`)
      if (tid && tname) {
        this.add('taxonomies', `${path}.taxonomy_detail`, {
          id: tid,
          name: tname,
          description: this.text(detail, 'description', `${path}.taxonomy_detail`) ?? '',
          uri: this.value(detail, 'uri', `${path}.taxonomy_detail`),
          version: this.value(detail, 'version', `${path}.taxonomy_detail`),
        })
        taxonomyId = tid
      }
    } else if (taxonomyRef !== null) {
      taxonomyId = mapId(taxonomyRef, 'taxonomies')
      if (!this.rows.taxonomies.has(taxonomyId))
        this.references.push({
          entity: 'taxonomy_terms',
          id: taxonomyId,
          column: 'taxonomy_id',
          table: 'taxonomies',
          rowId: id,
        })
    } else if (taxonomyName !== null) {
      taxonomyId = uuidV5(`taxonomies:${taxonomyName}`)
      this.add('taxonomies', path, { id: taxonomyId, name: taxonomyName, description: '', uri: null, version: null })
    }
    if (name === null) {
      // Only an id: a link to a term the database may already hold (Cyswllt's own taxonomy).
      this.references.push({ entity: 'attributes', id, column: 'taxonomy_term_id', table: 'taxonomy_terms', rowId: '' })
      return id
    }
    const parent = parentRaw === null ? null : mapId(parentRaw, 'taxonomy_terms')
    if (parent !== null && parent !== id)
      this.references.push({
        entity: 'taxonomy_terms',
        id: parent,
        column: 'parent_id',
        table: 'taxonomy_terms',
        rowId: id,
      })
    this.add('taxonomy_terms', path, {
      id,
      taxonomy_id: taxonomyId,
      parent_id: parent === id ? null : parent,
      code: UUID.test(rawId) ? this.value(t, 'code', path) : rawId,
      name,
      description,
      term_uri: termUri,
    })
    return id
  }

  attribute(a: Obj, path: string, serviceId: string): void {
    const id = this.id(a, path, 'attributes')
    const nested = this.object(a, 'taxonomy_term', path)
    const ref = this.value(a, 'taxonomy_term_id', path)
    let termId: string | null = null
    if (nested) termId = this.term(nested, `${path}.taxonomy_term`)
    else if (ref !== null) {
      termId = mapId(ref, 'taxonomy_terms')
      if (!this.rows.taxonomy_terms.has(termId))
        this.references.push({
          entity: 'attributes',
          id: termId,
          column: 'taxonomy_term_id',
          table: 'taxonomy_terms',
          rowId: '',
        })
    } else this.skip('attributes', path, 'no taxonomy term')
    const value = this.value(a, 'value', path)
    // Attributes read from a service belong to it, whatever link_type the file says (the 3.0 examples say "link_type").
    if (id && termId)
      this.add('attributes', path, { id, link_id: serviceId, link_type: 'service', taxonomy_term_id: termId, value })
  }

  schedule(s: Obj, path: string, serviceId: string | null, salId: string | null): void {
    const id = this.id(s, path, 'schedules')
    const interval = this.number(s, 'interval', path, 0, 10000)
    const row = {
      id: id ?? '',
      service_id: serviceId,
      service_at_location_id: salId,
      valid_from: this.date(s, 'valid_from', path),
      valid_to: this.date(s, 'valid_to', path) ?? this.date(s, 'until', path),
      dtstart: this.dateTime(s, 'dtstart', path),
      freq: this.value(s, 'freq', path),
      interval: interval === null ? null : Math.round(interval),
      byday: this.value(s, 'byday', path) ?? this.value(s, 'weekday', path),
      bymonthday: this.value(s, 'bymonthday', path),
      description: this.value(s, 'description', path),
      opens_at: this.time(s, 'opens_at', path),
      closes_at: this.time(s, 'closes_at', path),
      schedule_link: this.value(s, 'schedule_link', path),
      attending_type: this.value(s, 'attending_type', path),
      notes: this.value(s, 'notes', path),
    }
    if (id) this.add('schedules', path, row)
  }

  phone(ph: Obj, path: string, serviceId: string | null, contactId: string | null): void {
    const id = this.id(ph, path, 'phones')
    const number = this.value(ph, 'number', path)
    const description = this.value(ph, 'description', path)
    if (id === null) return
    if (number === null) return this.skip('phones', path, 'no number')
    if (this.add('phones', path, { id, service_id: serviceId, contact_id: contactId, number, description })) {
      for (const [l, p] of this.list(ph, 'languages', path)) this.language(l, p, null, id)
      // v1 phones carry one language as text.
      const lang = this.value(ph, 'language', path)
      if (lang !== null)
        this.add('service_languages', path, {
          id: uuidV5(`service_languages:${id}:${lang}`),
          service_id: null,
          phone_id: id,
          name: lang,
          code: null,
          note: null,
        })
    }
  }

  language(l: Obj, path: string, serviceId: string | null, phoneId: string | null): void {
    const id = this.id(l, path, 'service_languages')
    const row = {
      id: id ?? '',
      service_id: serviceId,
      phone_id: phoneId,
      name: this.value(l, 'name', path) ?? this.value(l, 'language', path),
      code: this.value(l, 'code', path),
      note: this.value(l, 'note', path),
    }
    if (id) this.add('service_languages', path, row)
  }

  location(loc: Obj, path: string): string | null {
    const id = this.id(loc, path, 'locations')
    const rawId = this.value(loc, 'id', path)
    const type = this.value(loc, 'location_type', path) ?? 'physical'
    if (!['physical', 'postal', 'virtual'].includes(type))
      this.error(`${path}.location_type`, 'must be one of physical, postal, virtual')
    const latitude = this.number(loc, 'latitude', path, -90, 90)
    const longitude = this.number(loc, 'longitude', path, -180, 180)
    let external = this.value(loc, 'external_identifier', path)
    let externalType = this.value(loc, 'external_identifier_type', path)
    if (external === null && rawId !== null && !UUID.test(rawId)) {
      external = rawId
      externalType = 'source_id'
    }
    const row = {
      id: id ?? '',
      location_type: type,
      name: this.value(loc, 'name', path),
      description: this.value(loc, 'description', path),
      latitude,
      longitude,
      external_identifier: external,
      external_identifier_type: externalType,
    }
    const addresses = [...this.list(loc, 'addresses', path), ...this.list(loc, 'physical_addresses', path)]
    const access = [...this.list(loc, 'accessibility', path), ...this.list(loc, 'accessibility_for_disabilities', path)]
    if (id === null) return null
    this.add('locations', path, row)
    for (const [a, p] of addresses) {
      const aid = this.id(a, p, 'addresses')
      const address1 = this.value(a, 'address_1', p)
      const city = this.value(a, 'city', p)
      const postal = this.value(a, 'postal_code', p)
      const arow = {
        id: aid ?? '',
        location_id: id,
        attention: this.value(a, 'attention', p),
        address_1: address1 ?? '',
        city: city ?? '',
        region: this.value(a, 'region', p),
        state_province: this.value(a, 'state_province', p) ?? '',
        postal_code: postal ?? '',
        country: this.value(a, 'country', p) ?? 'GB',
        address_type: this.value(a, 'address_type', p) ?? 'physical',
      }
      if (aid === null) continue
      if (address1 === null || city === null || postal === null)
        this.skip('addresses', p, 'an address needs address_1, city and postal_code')
      else this.add('addresses', p, arow)
    }
    for (const [a, p] of access) {
      const aid = this.id(a, p, 'accessibility')
      const arow = {
        id: aid ?? '',
        location_id: id,
        description: this.value(a, 'description', p) ?? this.value(a, 'accessibility', p),
        details: this.value(a, 'details', p),
        url: this.value(a, 'url', p),
      }
      if (aid) this.add('accessibility', p, arow)
    }
    return id
  }

  link(id: string, serviceId: string, locationId: string, path: string): boolean {
    const pair = `${serviceId}:${locationId}`
    const other = this.pairs.get(pair)
    if (other !== undefined && other !== id) {
      this.skip('service_at_locations', path, 'the service is already linked to this location')
      return false
    }
    this.pairs.set(pair, id)
    this.add('service_at_locations', path, { id, service_id: serviceId, location_id: locationId })
    return true
  }

  serviceAtLocation(sal: Obj, path: string, serviceId: string): void {
    const id = this.id(sal, path, 'service_at_locations')
    const loc = this.object(sal, 'location', path)
    let locationId: string | null = null
    if (loc) locationId = this.location(loc, `${path}.location`)
    else if (this.value(sal, 'location_id', path) === null) this.error(`${path}.location`, 'is required')
    else this.skip('service_at_locations', path, 'the location is not in the file')
    const schedules = [...this.list(sal, 'schedules', path), ...this.list(sal, 'regular_schedules', path)]
    if (id === null || locationId === null) return
    if (!this.link(id, serviceId, locationId, path)) return
    for (const [s, p] of schedules) this.schedule(s, p, null, id)
  }
}

const SERVICE_KEYS = [
  'status',
  'organization',
  'organization_id',
  'service_at_locations',
  'schedules',
  'regular_schedules',
  'eligibilitys',
  'service_taxonomys',
  'deliverable_type',
  'pc_metadata',
  'cost_options',
  'contacts',
  'languages',
  'service_areas',
]
const ORG_KEYS = ['services', 'website', 'organization_identifiers', 'parent_organization_id', 'logo']
const isOrganisation = (o: Obj) => !SERVICE_KEYS.some((k) => k in o) && ORG_KEYS.some((k) => k in o)

/** Reads a parsed JSON file into rows, skips and errors (see the module comment). */
export function normaliseOruk(data: unknown): Normalised {
  const r = new Reader()
  let format = ''
  let items: [unknown, string][] = []
  if (Array.isArray(data)) {
    items = data.map((x, i) => [x, `[${i}]`])
    format = 'list'
  } else if (isObj(data) && (Array.isArray(data.contents) || Array.isArray(data.content))) {
    const key = Array.isArray(data.contents) ? 'contents' : 'content'
    items = (data[key] as unknown[]).map((x, i) => [x, `${key}[${i}]`])
    format = 'page'
  } else if (isObj(data) && ('contents' in data || 'content' in data)) {
    r.error('contents' in data ? 'contents' : 'content', 'must be a list')
  } else if (isObj(data) && 'id' in data) {
    items = [[data, '$']]
    format = 'single'
  } else {
    r.error(
      '$',
      'is not an Open Referral UK file: expected a page ({ "contents": [...] }), a list, or a service or organisation with an id',
    )
  }
  const objects = items.filter(([x, p]) => (isObj(x) ? true : (r.error(p, 'must be an object'), false))) as [
    Obj,
    string,
  ][]
  const organisations = objects.length > 0 && objects.every(([o]) => isOrganisation(o))
  const v1 = objects.some(([o]) =>
    [
      'regular_schedules',
      'eligibilitys',
      'service_taxonomys',
      'deliverable_type',
      'pc_metadata',
      'physical_addresses',
    ].some((k) => k in o),
  )
  format = `${format === 'single' ? 'one' : format === 'page' ? 'a page of' : 'a list of'} ${organisations ? 'organisation' : 'service'}${format === 'single' ? '' : 's'}${v1 ? ' (ORUK v1)' : ' (ORUK 3.0)'}`
  for (const [o, path] of objects) {
    if (organisations) {
      const orgId = r.organisation(o, path)
      for (const [s, p] of r.list(o, 'services', path)) if (orgId) r.service(s, p, orgId)
    } else r.service(o, path)
  }
  return { format, rows: r.rows, skipped: r.skipped, references: r.references, errors: r.errors }
}
