import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { daysBetween, walesToday } from '../follow-ups/rules.js'
import { practitionersOfOrganisation } from '../follow-ups/repository.js'
import { lastContactByEpisode } from './last-contact.js'
import { type CaseloadCounts, type CaseloadItem, countsOf, presentRow } from './present.js'
import { caseloadRows, type CaseloadScope, referralsAwaitingTriage, usersOfOrganisation } from './repository.js'

export interface Caseload {
  items: CaseloadItem[]
  counts: CaseloadCounts
  /** False until the contacts feature fills the last-contact hook; the column is then left out. */
  showLastContact: boolean
}

async function list(
  trx: Parameters<typeof caseloadRows>[0],
  request: FastifyRequest,
  organisationId: string,
  scope: CaseloadScope,
  today: string,
) {
  const rows = await caseloadRows(trx, organisationId, scope, today)
  const lastContacts = await lastContactByEpisode(
    trx,
    rows.map((r) => r.episode_id),
  )
  return { items: rows.map((r) => presentRow(request, r, today, lastContacts)), showLastContact: lastContacts !== null }
}

/** The signed-in practitioner's (or team lead's) own caseload; reading it is a read of personal data, audited once. */
export async function ownCaseload(app: FastifyInstance, request: FastifyRequest): Promise<Caseload> {
  const user = request.user
  if (!user) throw new Error('ownCaseload needs a signed-in user')
  const today = walesToday()
  return app.deps.database.db.transaction().execute(async (trx) => {
    const { items, showLastContact } = await list(
      trx,
      request,
      user.organisationId,
      { practitionerId: user.userId },
      today,
    )
    await audit(trx, auditContext(request), {
      action: 'caseload.view',
      recordType: 'user',
      recordId: user.userId,
      organisationId: user.organisationId,
      detail: { count: items.length },
    })
    return { items, counts: countsOf(items), showLastContact }
  })
}

export interface TeamMember {
  id: string
  name: string
  /** False for someone who still holds episodes but is no longer an active practitioner: reallocate them. */
  practitioner: boolean
  items: CaseloadItem[]
  counts: CaseloadCounts
}

export interface TeamCaseload {
  members: TeamMember[]
  unallocated: CaseloadItem[]
  awaitingTriage: {
    id: string
    reference: string
    name: string
    receivedAt: Date
    ageDays: number
    urgency: string
    crisis: boolean
  }[]
  showLastContact: boolean
  counts: CaseloadCounts
}

/**
 * The team lead's view of their organisation: each practitioner's caseload with its counts, the open episodes
 * nobody holds, and the referrals still waiting in triage with their age. Three statements and one audit row.
 */
export async function teamCaseload(app: FastifyInstance, request: FastifyRequest): Promise<TeamCaseload> {
  const user = request.user
  if (!user) throw new Error('teamCaseload needs a signed-in user')
  const organisationId = user.organisationId
  const today = walesToday()
  return app.deps.database.db.transaction().execute(async (trx) => {
    const allocated = await list(trx, request, organisationId, { allocated: true }, today)
    const unallocated = await list(trx, request, organisationId, { unallocated: true }, today)
    const practitioners = await practitionersOfOrganisation(trx, organisationId)
    const known = new Set(practitioners.map((p) => p.id))
    const others = await usersOfOrganisation(
      trx,
      organisationId,
      [...new Set(allocated.items.map((i) => i.practitionerId as string))].filter((id) => !known.has(id)),
    )
    const members = [
      ...practitioners.map((p) => ({ ...p, practitioner: true })),
      ...others.map((o) => ({ id: o.id, name: o.name, practitioner: false })),
    ].map((m) => {
      const items = allocated.items.filter((i) => i.practitionerId === m.id)
      return { ...m, items, counts: countsOf(items) }
    })
    const waiting = await referralsAwaitingTriage(trx, organisationId)
    await audit(trx, auditContext(request), {
      action: 'caseload.team.view',
      recordType: 'organisation',
      recordId: organisationId,
      organisationId,
      detail: {
        allocated: allocated.items.length,
        unallocated: unallocated.items.length,
        awaitingTriage: waiting.length,
      },
    })
    return {
      members,
      unallocated: unallocated.items,
      awaitingTriage: waiting.map((r) => ({
        id: r.id,
        reference: r.reference,
        name: `${r.given_name} ${r.family_name}`,
        receivedAt: r.received_at,
        ageDays: Math.max(0, daysBetween(walesToday(r.received_at), today)),
        urgency: r.urgency,
        crisis: r.crisis,
      })),
      showLastContact: allocated.showLastContact,
      counts: countsOf([...allocated.items, ...unallocated.items]),
    }
  })
}
