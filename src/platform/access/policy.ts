import type { OrganisationType, Role } from '../db/schema.js'

/**
 * The one place that answers "may this user do this action on this record" (DESIGN §3). Every route declares
 * an action in its `config.action`; the access hook refuses the request before the handler runs when `can`
 * says no, and handlers that load a record call `can` again with the record's organisation.
 */
export interface Actor {
  userId: string
  organisationId: string
  organisationType: OrganisationType
  roles: readonly Role[]
  /** How the request proved who it is; a personal API token may not mint further tokens. */
  authenticatedBy?: 'session' | 'token'
}

/** The owner of the record being acted on; absent when the action is not about one record. */
export interface RecordScope {
  organisationId: string | null
  /** Set when the record is personal to one user (their own tokens, their own password). */
  userId?: string
  /** For a referral: the organisation that sent it, whose referrers may follow its progress (DESIGN §3). */
  referrerOrganisationId?: string | null
}

type Rule = (actor: Actor, record: RecordScope | undefined) => boolean

const anyRole =
  (...wanted: Role[]): Rule =>
  (actor) =>
    actor.roles.some((role) => wanted.includes(role))

const self: Rule = (actor, record) => record === undefined || record.userId === actor.userId

/** Practitioners and team leads act on the people and referrals of their own organisation only. */
const caseworkerOfOwner: Rule = (actor, record) =>
  anyRole('practitioner', 'team_lead')(actor, record) && (record === undefined || record.organisationId === actor.organisationId)

const teamLeadOfOwner: Rule = (actor, record) =>
  anyRole('team_lead')(actor, record) && (record === undefined || record.organisationId === actor.organisationId)

/** A referrer sees the referrals their organisation sent, never anyone else's. */
const referrerOfSender: Rule = (actor, record) =>
  anyRole('referrer')(actor, record) && (record === undefined || (record.referrerOrganisationId ?? null) === actor.organisationId)

/**
 * An asset organisation's users keep up to date the directory entries their organisation manages, and act on the
 * referrals made to those services; never anyone else's. The record scope is the managing organisation.
 */
const assetManagingEntry: Rule = (actor, record) => anyRole('asset')(actor, record) && (record === undefined || (record.organisationId ?? null) === actor.organisationId)

/** The organisation's safeguarding lead: every concern about the people their organisation supports (CS Std 3). */
const safeguardingLeadOfOwner: Rule = (actor, record) => anyRole('safeguarding_lead')(actor, record) && (record === undefined || record.organisationId === actor.organisationId)

const either =
  (...alternatives: Rule[]): Rule =>
  (actor, record) =>
    alternatives.some((rule) => rule(actor, record))

/** Actions and who may take them. `public` needs no sign-in; every other action does. */
export const rules = {
  public: () => true,
  /** Any signed-in user: their home page, their own account. */
  'account.view': () => true,
  'account.change_password': self,
  'api_tokens.manage_own': self,
  /** A leaked token must not be able to make tokens that outlive its revocation: creating needs a session. */
  'api_tokens.create': (actor, record) => self(actor, record) && actor.authenticatedBy !== 'token',
  'admin.organisations.view': anyRole('admin'),
  'admin.organisations.manage': anyRole('admin'),
  'admin.users.view': anyRole('admin'),
  'admin.users.manage': anyRole('admin'),
  'admin.audit.search': anyRole('admin'),
  'reference.geography.view': () => true,
  /** Send a professional referral (referrers; practitioners also refer on behalf of people they meet). */
  'referrals.create': anyRole('referrer', 'practitioner', 'team_lead'),
  /** Follow a referral: the receiving provider's caseworkers, or the referrer's organisation. */
  'referrals.view': either(caseworkerOfOwner, referrerOfSender),
  /** The triage queue, contact attempts, accept or decline. */
  'referrals.triage': caseworkerOfOwner,
  /** Allocate or reallocate a referral to a practitioner. */
  'referrals.allocate': teamLeadOfOwner,
  /** The person record: only the organisation supporting the person. */
  'people.view': caseworkerOfOwner,
  'people.manage': caseworkerOfOwner,
  /** Gaps in provision (issue 4 §9, CF 3.3): aggregated, suppressed counts by local authority and theme, never names. */
  'directory.gaps.view': anyRole('team_lead', 'directory_editor', 'commissioner', 'admin'),
  /** Connections to community assets (issue 4 §8, issue 5 §5): the person's provider lists and makes them. */
  'connections.view': caseworkerOfOwner,
  'connections.create': caseworkerOfOwner,
  /** Record what the person reports (attended, withdrew) on the lifecycle's practitioner moves. */
  'connections.update': caseworkerOfOwner,
  /** The asset portal: the record scope is the organisation managing the service the person was referred to. */
  'asset.connections.view': assetManagingEntry,
  'asset.connections.update': assetManagingEntry,
  /** The support journey (issue 5): the episode of support, its level, closing it and transferring it. */
  'episodes.view': caseworkerOfOwner,
  'episodes.manage': caseworkerOfOwner,
  'episodes.transfer': caseworkerOfOwner,
  /** Move an episode (and its follow-ups) to another practitioner of the organisation. */
  'episodes.reallocate': teamLeadOfOwner,
  /** A practitioner's own caseload; a team lead's view of the whole team's and the unallocated referrals. */
  'caseload.view': anyRole('practitioner', 'team_lead'),
  'caseload.team.view': teamLeadOfOwner,
  'follow_ups.view': caseworkerOfOwner,
  'follow_ups.manage': caseworkerOfOwner,
  /** The 'What Matters' conversation (CS §27, CF 5.1) and the co-produced action plan (CF 5.3). */
  'what_matters.view': caseworkerOfOwner,
  'what_matters.record': caseworkerOfOwner,
  'plans.view': caseworkerOfOwner,
  'plans.manage': caseworkerOfOwner,
  /** Contacts with the person and what they report of their healthcare use (issue 5 §6, §10). */
  'contacts.view': caseworkerOfOwner,
  'contacts.record': caseworkerOfOwner,
  /**
   * Safeguarding concerns (CS Std 3, CF 2.4): seen only by the caseworkers and the safeguarding lead of the
   * person's organisation, never by assets, referrers or commissioners. Any of them may raise one.
   */
  'safeguarding.view': either(caseworkerOfOwner, safeguardingLeadOfOwner),
  'safeguarding.raise': either(caseworkerOfOwner, safeguardingLeadOfOwner),
  'safeguarding.manage': either(caseworkerOfOwner, safeguardingLeadOfOwner),
  /** An asset's user raises a concern about a person referred to them; they cannot read it back. Scope: the managing organisation. */
  'asset.safeguarding.raise': assetManagingEntry,
  /** The information-sharing log (CF 2.5): every disclosure outside the provider, and recording a new one. */
  'information_sharing.view': caseworkerOfOwner,
  'information_sharing.record': caseworkerOfOwner,
  /** Outcome measures (issue 6): the instrument catalogue and the scoring API carry no personal data; any signed-in user or token. */
  'instruments.view': () => true,
  /** Record an organisation's registration with an instrument's owners, its licences, and load approved translations. */
  'instruments.settings.manage': anyRole('admin'),
  /** Measures taken with a person (baseline, review, exit, follow-up), and sending a single-use self-completion link. */
  'measures.view': caseworkerOfOwner,
  'measures.record': caseworkerOfOwner,
  /** The person's voice (issue 6 §5): outcomes in their own words, and the experience survey sent at closing. */
  'experience.view': caseworkerOfOwner,
  'experience.record': caseworkerOfOwner,
  /** Case studies (CS §118) and the 'you said, we did' log (App. Two) of the provider's own organisation. */
  'case_studies.view': caseworkerOfOwner,
  'case_studies.manage': caseworkerOfOwner,
  /** The anonymisation check before a case study leaves the organisation is a team lead's sign-off. */
  'case_studies.approve': teamLeadOfOwner,
  'feedback_log.view': caseworkerOfOwner,
  'feedback_log.manage': caseworkerOfOwner,
  /**
   * Reporting (issue 7; DESIGN §3, §7). The Core Data Set catalogue is reference data for anyone signed in. The RBA
   * report: practitioners and team leads see their own organisation's (the record scope is the organisation asked
   * for); commissioners see aggregates for the areas they commission, suppressed (reports/access.ts decides the area).
   */
  'core_data_set.view': () => true,
  'reports.view': (actor, record) =>
    caseworkerOfOwner(actor, record) || anyRole('commissioner')(actor, record),
  /** Running costs and the period return of the service (#9, #10, #5–#8, #26, #28, #29): the provider's managers. */
  'service_returns.view': caseworkerOfOwner,
  'service_returns.manage': teamLeadOfOwner,
  /** Running costs of a community activity (#11): the asset organisation managing it, or a provider's team lead. */
  'asset_costs.manage': either(teamLeadOfOwner, assetManagingEntry),
  /** Teams within an organisation (report filters; issue 8's team views). Population estimates load by CLI only. */
  'teams.manage': anyRole('admin'),
  /**
   * Workforce and quality (issue 8; CS §91–93, §111; the Competence Framework). The framework is reference data for
   * anyone signed in. A practitioner rates themselves and keeps their own development plan (record scope: the user);
   * a team lead sees their organisation's team view and keeps its staff's workforce records, supervision and the
   * organisation's Core Standards self-assessment. Record-level rules (a supervisee's reflective notes are theirs and
   * their supervisor's only) are the features' own, after these.
   */
  'competence_framework.view': () => true,
  'competence.manage_own': (actor, record) =>
    anyRole('practitioner', 'team_lead')(actor, record) && (record === undefined || (record.userId ?? actor.userId) === actor.userId),
  'competence.team.view': teamLeadOfOwner,
  'supervision.view': caseworkerOfOwner,
  'supervision.record': caseworkerOfOwner,
  'workforce.view': caseworkerOfOwner,
  'workforce.manage': teamLeadOfOwner,
  'workforce.report.view': (actor, record) => teamLeadOfOwner(actor, record) || anyRole('commissioner')(actor, record),
  'standards_assessment.view': caseworkerOfOwner,
  'standards_assessment.manage': teamLeadOfOwner,
  /** The directory management list: editors see every service, asset users their own organisation's (issue 4 §4). */
  'directory.manage.view': anyRole('directory_editor', 'admin', 'asset'),
  /** Create, edit and verify any directory entry. */
  'directory.manage': anyRole('directory_editor', 'admin'),
  /** Capacity, timetable and contact of the services the user's asset organisation manages, and proposing text changes. */
  'directory.services.update_own': assetManagingEntry,
  /** Approve or reject the name and description changes asset organisations propose. */
  'directory.proposals.review': anyRole('directory_editor', 'admin'),
} satisfies Record<string, Rule>

export type Action = keyof typeof rules

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(rules, value)
}

export function can(actor: Actor | null, action: Action, record?: RecordScope): boolean {
  if (action === 'public') return true
  if (!actor) return false
  return rules[action](actor, record)
}
