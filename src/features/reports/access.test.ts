import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Role } from '../../platform/db/schema.js'
import { type AccessFacts, decideReportAccess, type ReportActor } from './access.js'
import type { ReportFilter } from './contract.js'

/*
 * The decision as a matrix (DESIGN §3): role × filter × own/other organisation or area. Cardiff W06000015 and the
 * Vale W06000014 make up Cardiff and Vale health board (7A4) and RPB (RPB4); Gwynedd W06000002 is in Betsi (7A1, RPB1).
 */
const CARDIFF_ORG = '00000000-0000-4000-8000-0000000000c1'
const GWYNEDD_ORG = '00000000-0000-4000-8000-0000000000c2'
const RPB_ORG = '00000000-0000-4000-8000-0000000000c3'
const NATIONAL_ORG = '00000000-0000-4000-8000-0000000000c4'
const ME = '00000000-0000-4000-8000-0000000000a1'
const COLLEAGUE = '00000000-0000-4000-8000-0000000000a2'
const GWYNEDD_PRACTITIONER = '00000000-0000-4000-8000-0000000000a3'
const NORTH = '00000000-0000-4000-8000-0000000000b1'
const GWYNEDD_TEAM = '00000000-0000-4000-8000-0000000000b2'

const areas: Record<string, string[]> = { [CARDIFF_ORG]: ['W06000014', 'W06000015'], [GWYNEDD_ORG]: ['W06000001', 'W06000002'], [RPB_ORG]: ['W06000014', 'W06000015'], [NATIONAL_ORG]: [] }

function facts(actorOrg: string): AccessFacts {
  return {
    actorAreas: areas[actorOrg] ?? [],
    geography: new Map([
      ['W06000015', { healthBoard: '7A4', rpb: 'RPB4' }],
      ['W06000014', { healthBoard: '7A4', rpb: 'RPB4' }],
      ['W06000002', { healthBoard: '7A1', rpb: 'RPB1' }],
      ['W06000001', { healthBoard: '7A1', rpb: 'RPB1' }],
      ['W06000022', { healthBoard: '7A6', rpb: 'RPB6' }],
    ]),
    organisationAreas: new Map([
      [CARDIFF_ORG, areas[CARDIFF_ORG]!],
      [GWYNEDD_ORG, areas[GWYNEDD_ORG]!],
    ]),
    teamOrganisations: new Map([
      [NORTH, CARDIFF_ORG],
      [GWYNEDD_TEAM, GWYNEDD_ORG],
    ]),
    practitionerOrganisations: new Map([
      [ME, CARDIFF_ORG],
      [COLLEAGUE, CARDIFF_ORG],
      [GWYNEDD_PRACTITIONER, GWYNEDD_ORG],
    ]),
  }
}

const actor = (roles: Role[], organisationId = CARDIFF_ORG): ReportActor => ({ userId: ME, organisationId, roles })
const practitioner = actor(['practitioner'])
const teamLead = actor(['team_lead', 'practitioner'])
const commissioner = actor(['commissioner'], RPB_ORG)
const national = actor(['commissioner'], NATIONAL_ORG)

type Expect = { ok: true; audience: string; where: ReportFilter['where'] } | { ok: false; fields: Record<string, string> }
const allowed = (audience: string, where: ReportFilter['where']): Expect => ({ ok: true, audience, where })
const refused = (fields: Record<string, string>): Expect => ({ ok: false, fields })

const rows: [string, ReportActor, ReportFilter['where'], Expect][] = [
  // Practitioners: their organisation, forced; themselves only by practitioner.
  ['practitioner, no filter', practitioner, {}, allowed('organisation', { organisation: [CARDIFF_ORG] })],
  ['practitioner, own organisation', practitioner, { organisation: [CARDIFF_ORG] }, allowed('organisation', { organisation: [CARDIFF_ORG] })],
  ['practitioner, other organisation', practitioner, { organisation: [GWYNEDD_ORG] }, refused({ organisation: 'otherOrganisation' })],
  ['practitioner, own and other organisation', practitioner, { organisation: [CARDIFF_ORG, GWYNEDD_ORG] }, refused({ organisation: 'otherOrganisation' })],
  ['practitioner, own team', practitioner, { team: [NORTH] }, allowed('organisation', { team: [NORTH], organisation: [CARDIFF_ORG] })],
  ['practitioner, other organisation’s team', practitioner, { team: [GWYNEDD_TEAM] }, refused({ team: 'otherTeam' })],
  ['practitioner, themselves', practitioner, { practitioner: [ME] }, allowed('organisation', { practitioner: [ME], organisation: [CARDIFF_ORG] })],
  ['practitioner, a colleague', practitioner, { practitioner: [COLLEAGUE] }, refused({ practitioner: 'ownCaseloadOnly' })],
  ['practitioner, another organisation’s practitioner', practitioner, { practitioner: [GWYNEDD_PRACTITIONER] }, refused({ practitioner: 'otherPractitioner' })],
  ['practitioner, any local authority', practitioner, { local_authority: ['W06000022'] }, allowed('organisation', { local_authority: ['W06000022'], organisation: [CARDIFF_ORG] })],
  // Team leads: any practitioner or team of their organisation.
  ['team lead, no filter', teamLead, {}, allowed('organisation', { organisation: [CARDIFF_ORG] })],
  ['team lead, a colleague', teamLead, { practitioner: [COLLEAGUE, ME] }, allowed('organisation', { practitioner: [COLLEAGUE, ME], organisation: [CARDIFF_ORG] })],
  ['team lead, another organisation’s practitioner', teamLead, { practitioner: [GWYNEDD_PRACTITIONER] }, refused({ practitioner: 'otherPractitioner' })],
  ['team lead, other organisation and its team', teamLead, { organisation: [GWYNEDD_ORG], team: [GWYNEDD_TEAM] }, refused({ organisation: 'otherOrganisation', team: 'otherTeam' })],
  // A caseworker who also commissions gets the caseworker's view.
  ['practitioner and commissioner', actor(['practitioner', 'commissioner']), {}, allowed('organisation', { organisation: [CARDIFF_ORG] })],
  // Regional commissioners: forced to their areas.
  ['commissioner, no filter', commissioner, {}, allowed('aggregate', { local_authority: ['W06000014', 'W06000015'] })],
  ['commissioner, own local authority', commissioner, { local_authority: ['W06000015'] }, allowed('aggregate', { local_authority: ['W06000015'] })],
  ['commissioner, other local authority', commissioner, { local_authority: ['W06000002'] }, refused({ local_authority: 'outsideAreas' })],
  ['commissioner, own and other local authority', commissioner, { local_authority: ['W06000015', 'W06000002'] }, refused({ local_authority: 'outsideAreas' })],
  ['commissioner, own health board', commissioner, { health_board: ['7A4'] }, allowed('aggregate', { health_board: ['7A4'], local_authority: ['W06000014', 'W06000015'] })],
  ['commissioner, other health board', commissioner, { health_board: ['7A1'] }, refused({ health_board: 'outsideAreas' })],
  ['commissioner, own RPB', commissioner, { rpb: ['RPB4'] }, allowed('aggregate', { rpb: ['RPB4'], local_authority: ['W06000014', 'W06000015'] })],
  ['commissioner, other RPB', commissioner, { rpb: ['RPB1'] }, refused({ rpb: 'outsideAreas' })],
  ['commissioner, provider in their areas', commissioner, { organisation: [CARDIFF_ORG] }, allowed('aggregate', { organisation: [CARDIFF_ORG], local_authority: ['W06000014', 'W06000015'] })],
  ['commissioner, provider outside their areas', commissioner, { organisation: [GWYNEDD_ORG] }, refused({ organisation: 'outsideAreas' })],
  ['commissioner, team', commissioner, { team: [NORTH] }, refused({ team: 'personLevel' })],
  ['commissioner, practitioner', commissioner, { practitioner: [ME] }, refused({ practitioner: 'personLevel' })],
  ['commissioner, sex and age band', commissioner, { sex: ['female'], age_band: ['65-74'] }, allowed('aggregate', { sex: ['female'], age_band: ['65-74'], local_authority: ['W06000014', 'W06000015'] })],
  // The national team: all of Wales, nothing forced, still no person-level filters.
  ['national commissioner, no filter', national, {}, allowed('aggregate', {})],
  ['national commissioner, any area and provider', national, { local_authority: ['W06000002'], rpb: ['RPB1'], organisation: [GWYNEDD_ORG] }, allowed('aggregate', { local_authority: ['W06000002'], rpb: ['RPB1'], organisation: [GWYNEDD_ORG] })],
  ['national commissioner, team', national, { team: [GWYNEDD_TEAM] }, refused({ team: 'personLevel' })],
  // Everyone else.
  ['administrator', actor(['admin'], NATIONAL_ORG), {}, refused({ report: 'role' })],
  ['referrer', actor(['referrer']), {}, refused({ report: 'role' })],
  ['asset', actor(['asset']), {}, refused({ report: 'role' })],
  ['safeguarding lead', actor(['safeguarding_lead']), {}, refused({ report: 'role' })],
]

describe('who sees which report (the access matrix)', () => {
  for (const [name, who, where, expected] of rows) {
    it(name, () => {
      const decision = decideReportAccess(who, where, facts(who.organisationId))
      if (expected.ok) {
        assert.ok(decision.ok, JSON.stringify(decision))
        assert.equal(decision.audience, expected.audience)
        assert.deepEqual(decision.where, expected.where)
      } else {
        assert.ok(!decision.ok, 'should be refused')
        const fields = Object.fromEntries(decision.errors.map((e) => [e.field, e.key.replace('reportFilters.access.', '')]))
        assert.deepEqual(fields, expected.fields)
      }
    })
  }
})
