import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { can } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.js'
import type { DB } from '../../../platform/db/schema.js'
import { auditContext } from '../../../platform/http/context.js'
import { forbidden, notFound } from '../../../platform/http/problems.js'
import { type FieldError, isUuid } from '../../admin/fields.js'
import { locate } from '../../referrals/repository.js'
import { categoryTerms } from '../search/repository.js'
import {
  createProposal,
  currentTexts,
  decideProposal,
  type Editable,
  findProposal,
  loadEditable,
  markVerified,
  type Place,
  type ProposalRow,
  refreshSearchText,
  saveLiveDetails,
  saveService,
} from './repository.js'
import { applyProposal, changedFields, changedTexts, parseLiveDetails, parseProposal, parseRejection, parseService } from './rules.js'

/**
 * The editing operations, shared by the pages and the JSON API: each checks access to the one service, validates
 * with the pure rules, writes in one transaction with its audit event, and returns field errors when nothing was
 * written. Another organisation's service is refused (403) before anything is read into a form or written.
 */
type Db = Kysely<DB>
export type Outcome<T = string> = { ok: true; id: T } | { ok: false; errors: FieldError[] }

/** The service, when the user may act on it with `action`; 404 for no such service, 403 for someone else's. */
export async function serviceFor(db: Db, request: FastifyRequest, id: string, action: 'directory.manage' | 'directory.services.update_own'): Promise<Editable> {
  if (!isUuid(id)) throw notFound()
  const found = await loadEditable(db, id)
  if (!found) throw notFound()
  if (!can(request.user, action, { organisationId: found.service.managed_by_organisation_id ?? null })) throw forbidden()
  return found
}

/** The form's values for a service as it is now (the editors' form and the API's answers). */
export function serviceValuesOf(found: Editable): Record<string, unknown> {
  const s = found.service
  return {
    name: s.name,
    nameCy: s.name_cy ?? '',
    description: s.description ?? '',
    descriptionCy: s.description_cy ?? '',
    directoryOrganisationId: s.directory_organisation_id ?? '',
    categories: found.categories,
    howToAccess: s.how_to_access ?? '',
    capacityStatus: s.capacity_status ?? '',
    waitingListWeeks: s.waiting_list_weeks === null ? '' : String(s.waiting_list_weeks),
    welshProvision: s.welsh_provision ?? '',
    lifeStages: s.life_stages,
    accessibilityFeatures: s.accessibility_features,
    attendingTypes: s.attending_types,
    minimumAge: s.minimum_age === null ? '' : String(Number(s.minimum_age)),
    maximumAge: s.maximum_age === null ? '' : String(Number(s.maximum_age)),
    freeOrLowCost: yesNo(s.free_or_low_cost),
    safeguardingPolicy: yesNo(s.safeguarding_policy),
    dbsChecks: yesNo(s.dbs_checks),
    ...scheduleFields(found.schedules),
    email: s.email ?? '',
    phone: found.phone ?? '',
    website: s.url ?? '',
    address1: found.location?.address_1 ?? '',
    city: found.location?.city ?? '',
    postcode: found.location?.postal_code ?? '',
    latitude: found.location?.latitude ?? '',
    longitude: found.location?.longitude ?? '',
    published: s.published ? 'yes' : 'no',
    status: s.status,
  }
}

const yesNo = (value: boolean | null) => (value === true ? 'yes' : value === false ? 'no' : '')

export function scheduleFields(lines: { day: string; opens: string; closes: string }[]): Record<string, string> {
  const fields: Record<string, string> = {}
  lines.forEach((line, i) => {
    fields[`day${i + 1}`] = line.day
    fields[`opens${i + 1}`] = line.opens
    fields[`closes${i + 1}`] = line.closes
  })
  return fields
}

/** Creates (id null) or replaces a whole entry. Coordinates come from the postcode unless given. */
export async function saveEntry(db: Db, request: FastifyRequest, id: string | null, raw: Record<string, unknown>): Promise<Outcome> {
  const before = id ? await serviceFor(db, request, id, 'directory.manage') : null
  const codes = (await categoryTerms(db)).map((c) => c.code ?? '')
  const parsed = parseService(raw, codes)
  if (!parsed.ok) return parsed
  const values = parsed.value
  const errors: FieldError[] = []
  if (!(await db.selectFrom('directory_organisations').select('id').where('id', '=', values.directoryOrganisationId).executeTakeFirst())) errors.push({ field: 'directoryOrganisationId', key: 'directory.manage.errors.organisationUnknown' })
  let place: Place | null = null
  // The form shows the stored coordinates: when the postcode changes and they were left as they were, the new
  // postcode places the service rather than the old point.
  const old = before?.location
  const staleCoordinates = old && old.postal_code !== values.postcode && old.latitude === values.latitude && old.longitude === values.longitude
  if (values.postcode) {
    if (values.latitude !== null && values.longitude !== null && !staleCoordinates) place = { latitude: values.latitude, longitude: values.longitude }
    else {
      const found = await locate(db, values.postcode, null)
      if (found.latitude === null || found.longitude === null) errors.push({ field: 'postcode', key: 'directory.manage.errors.postcodeNotFound' })
      else place = { latitude: found.latitude, longitude: found.longitude }
    }
  }
  if (errors.length) return { ok: false, errors }
  const now = new Date()
  const savedId = await db.transaction().execute(async (trx) => {
    const saved = await saveService(trx, id, values, place, now)
    const fields = before ? changedFields(serviceValuesOf(before), serviceValuesOf((await loadEditable(trx, saved)) as Editable)) : Object.keys(values)
    await audit(trx, auditContext(request), { action: id ? 'directory_service.update' : 'directory_service.create', recordType: 'service', recordId: saved, organisationId: before?.service.managed_by_organisation_id ?? null, detail: { fields } })
    return saved
  })
  return { ok: true, id: savedId }
}

export async function verifyEntry(db: Db, request: FastifyRequest, id: string): Promise<void> {
  const found = await serviceFor(db, request, id, 'directory.manage')
  await db.transaction().execute(async (trx) => {
    await markVerified(trx, id, request.user?.userId ?? '', new Date())
    await audit(trx, auditContext(request), { action: 'directory_service.verify', recordType: 'service', recordId: id, organisationId: found.service.managed_by_organisation_id ?? null, detail: { fields: ['lastVerifiedAt'] } })
  })
}

/** An asset organisation's update of capacity, timetable and contact: live at once, capacity confirmed now. */
export async function updateLive(db: Db, request: FastifyRequest, id: string, raw: Record<string, unknown>): Promise<Outcome> {
  const found = await serviceFor(db, request, id, 'directory.services.update_own')
  const parsed = parseLiveDetails(raw)
  if (!parsed.ok) return parsed
  const live = parsed.value
  const before = { capacityStatus: found.service.capacity_status, waitingListWeeks: found.service.waiting_list_weeks, schedules: found.schedules, email: found.service.email, phone: found.phone, website: found.service.url }
  await db.transaction().execute(async (trx) => {
    await saveLiveDetails(trx, id, live, new Date())
    await audit(trx, auditContext(request), { action: 'directory_service.update_live', recordType: 'service', recordId: id, organisationId: found.service.managed_by_organisation_id ?? null, detail: { fields: [...changedFields(before, live), 'capacityConfirmedAt'] } })
  })
  return { ok: true, id }
}

export async function propose(db: Db, request: FastifyRequest, id: string, raw: Record<string, unknown>): Promise<Outcome> {
  const found = await serviceFor(db, request, id, 'directory.services.update_own')
  const current = currentTexts(found.service)
  const parsed = parseProposal(raw, current)
  if (!parsed.ok) return parsed
  const user = request.user
  if (!user) throw notFound()
  const proposalId = await db.transaction().execute(async (trx) => {
    const created = await createProposal(trx, id, user.organisationId, user.userId, parsed.value)
    await audit(trx, auditContext(request), { action: 'directory_proposal.create', recordType: 'service_change_proposal', recordId: created, detail: { serviceId: id, fields: changedTexts(current, parsed.value) } })
    return created
  })
  return { ok: true, id: proposalId }
}

/** A pending proposal; 404 when there is none or it was already decided (409 for the API). */
export async function pendingProposal(db: Db, id: string): Promise<ProposalRow> {
  const found = isUuid(id) ? await findProposal(db, id) : undefined
  if (!found) throw notFound()
  return found
}

export async function approve(db: Db, request: FastifyRequest, id: string): Promise<Outcome | 'decided'> {
  const proposal = await pendingProposal(db, id)
  if (proposal.status !== 'pending') return 'decided'
  const current = currentTexts({ name: proposal.current_name, name_cy: proposal.current_name_cy, description: proposal.current_description, description_cy: proposal.current_description_cy })
  const { update, fields } = applyProposal(current, { name: proposal.name, nameCy: proposal.name_cy, description: proposal.description, descriptionCy: proposal.description_cy })
  const now = new Date()
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('services').set(update).where('id', '=', proposal.service_id).execute()
    await refreshSearchText(trx, proposal.service_id, now)
    await decideProposal(trx, id, { status: 'approved' }, request.user?.userId ?? '', now)
    await audit(trx, auditContext(request), { action: 'directory_proposal.approve', recordType: 'service', recordId: proposal.service_id, organisationId: proposal.organisation_id, detail: { proposalId: id, fields } })
  })
  return { ok: true, id }
}

export async function reject(db: Db, request: FastifyRequest, id: string, raw: Record<string, unknown>): Promise<Outcome | 'decided'> {
  const proposal = await pendingProposal(db, id)
  if (proposal.status !== 'pending') return 'decided'
  const parsed = parseRejection(raw)
  if (!parsed.ok) return parsed
  await db.transaction().execute(async (trx) => {
    await decideProposal(trx, id, { status: 'rejected', reason: parsed.value }, request.user?.userId ?? '', new Date())
    await audit(trx, auditContext(request), { action: 'directory_proposal.reject', recordType: 'service_change_proposal', recordId: id, organisationId: proposal.organisation_id, detail: { serviceId: proposal.service_id } })
  })
  return { ok: true, id }
}
