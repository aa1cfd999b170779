import type { ColumnType, Generated } from 'kysely'

/** Kysely types for case studies and the 'you said, we did' log (migrations/0023), merged into the platform's DB type. */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** A calendar date, read as YYYY-MM-DD text. */
type Day = ColumnType<string, string, string>
type TextList = ColumnType<string[], string[] | undefined, string[]>

/** CS §118: "the person, the social prescribing practitioner, and the community asset". */
export const perspectives = ['person', 'practitioner', 'community_asset'] as const
export type Perspective = (typeof perspectives)[number]

export const caseStudyStatuses = ['draft', 'awaiting_check', 'approved', 'withdrawn'] as const
export type CaseStudyStatus = (typeof caseStudyStatuses)[number]

export const consentMethods = ['in_person', 'phone', 'video', 'written', 'email'] as const
export type ConsentMethod = (typeof consentMethods)[number]

/** How far the person agreed the story may go: inside the organisation, to commissioners, or published. */
export const consentScopes = ['organisation', 'commissioners', 'published'] as const
export type ConsentScope = (typeof consentScopes)[number]

/** The anonymisation checklist (issue 6 §6), every item to be confirmed before the check is complete. */
export const checklistItems = ['names', 'places', 'dates', 'details', 'photos', 'seen'] as const
export type ChecklistItem = (typeof checklistItems)[number]

export type CaseStudyEventKind =
  'created' | 'edited' | 'check_completed' | 'approved' | 'check_reset' | 'consent_recorded' | 'consent_withdrawn'

export interface CaseStudyTable {
  id: Generated<string>
  organisation_id: string
  title: string
  perspective: Perspective
  what_mattered: string
  support: string
  what_changed: string
  person_id: string | null
  period_from: Day | null
  period_to: Day | null
  tags: TextList
  themes: TextList
  status: ColumnType<CaseStudyStatus, CaseStudyStatus | undefined, CaseStudyStatus>
  consent_given_on: Day | null
  consent_method: ConsentMethod | null
  consent_scope: ConsentScope | null
  consent_withdrawn_on: Day | null
  checklist: TextList
  check_completed_by: string | null
  check_completed_at: NullableStamp
  approved_by: string | null
  approved_at: NullableStamp
  author_id: string
  created_at: Stamp
  updated_at: Stamp
}

export interface CaseStudyServiceTable {
  case_study_id: string
  service_id: string
}

export interface CaseStudyEventTable {
  id: Generated<string>
  case_study_id: string
  kind: CaseStudyEventKind
  actor_user_id: string | null
  at: Stamp
}

/** App. Two: whose feedback it was, by kind, never by name. */
export const feedbackSources = ['people', 'referrers', 'community_assets', 'staff', 'experience_survey'] as const
export type FeedbackSource = (typeof feedbackSources)[number]

export const feedbackStatuses = ['considering', 'doing', 'done', 'not_possible'] as const
export type FeedbackStatus = (typeof feedbackStatuses)[number]

export interface FeedbackLogTable {
  id: Generated<string>
  organisation_id: string
  received_on: Day
  source: FeedbackSource
  said: string
  action: string | null
  owner: string | null
  status: ColumnType<FeedbackStatus, FeedbackStatus | undefined, FeedbackStatus>
  not_possible_reason: string | null
  done_on: Day | null
  created_by: string | null
  created_at: Stamp
  updated_at: Stamp
}

export interface CaseStudyTables {
  case_studies: CaseStudyTable
  case_study_services: CaseStudyServiceTable
  case_study_events: CaseStudyEventTable
  feedback_log: FeedbackLogTable
}
