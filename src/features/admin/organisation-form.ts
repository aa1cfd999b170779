import { type OrganisationType, organisationTypes } from '../../platform/db/schema.js'
import { type FieldError, length, list, text } from './fields.js'

export const MAX_NAME_LENGTH = 200

/** An organisation as the pages and the API create or change it. */
export interface OrganisationInput {
  name: string
  nameCy: string | null
  type: OrganisationType
  localAuthorities: string[]
}

/** What the form shows again after an error: the values as typed. */
export interface OrganisationValues {
  name: string
  nameCy: string
  type: string
  localAuthorities: string[]
}

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (organisationTypes as readonly string[]).includes(value)
}

/**
 * Checks an organisation from a form or a JSON body (same field names in both). `knownAreas` holds the codes of
 * the local authorities in the reference table. Uniqueness of the name needs the database and is checked later.
 */
export function validateOrganisation(
  body: Record<string, unknown>,
  knownAreas: ReadonlySet<string>,
): { input: OrganisationInput | null; values: OrganisationValues; errors: FieldError[] } {
  const values: OrganisationValues = {
    name: text(body.name),
    nameCy: text(body.nameCy),
    type: text(body.type),
    localAuthorities: list(body.localAuthorities),
  }
  const name = values.name.trim()
  const nameCy = values.nameCy.trim()
  const errors: FieldError[] = []

  if (!name) errors.push({ field: 'name', key: 'admin.organisations.errors.nameMissing' })
  else if (length(name) > MAX_NAME_LENGTH) errors.push({ field: 'name', key: 'admin.organisations.errors.nameTooLong', params: { max: MAX_NAME_LENGTH } })
  if (length(nameCy) > MAX_NAME_LENGTH) errors.push({ field: 'nameCy', key: 'admin.organisations.errors.nameCyTooLong', params: { max: MAX_NAME_LENGTH } })
  if (!values.type) errors.push({ field: 'type', key: 'admin.organisations.errors.typeMissing' })
  else if (!isOrganisationType(values.type)) errors.push({ field: 'type', key: 'admin.organisations.errors.typeInvalid' })
  if (values.localAuthorities.some((code) => !knownAreas.has(code))) errors.push({ field: 'localAuthorities', key: 'admin.organisations.errors.localAuthoritiesInvalid' })

  if (errors.length > 0) return { input: null, values, errors }
  return {
    input: { name, nameCy: nameCy || null, type: values.type as OrganisationType, localAuthorities: [...new Set(values.localAuthorities)].sort() },
    values,
    errors,
  }
}

/** The names of the fields an update changes, for the audit trail (never the values). */
export function changedOrganisationFields(before: OrganisationInput, after: OrganisationInput): string[] {
  const changed: string[] = []
  if (before.name !== after.name) changed.push('name')
  if (before.nameCy !== after.nameCy) changed.push('nameCy')
  if (before.type !== after.type) changed.push('type')
  if ([...before.localAuthorities].sort().join() !== [...after.localAuthorities].sort().join()) changed.push('localAuthorities')
  return changed
}
