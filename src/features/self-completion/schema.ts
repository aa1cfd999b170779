import type { ColumnType, Generated } from 'kysely'

/** Kysely types for single-use completion links (migrations/0021), merged into the platform's DB type. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Stamp = ColumnType<Date, Date | string, Date | string>
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export const linkPurposes = ['measure', 'experience_survey'] as const
export type LinkPurpose = (typeof linkPurposes)[number]

export interface CompletionLinkTable {
  id: Generated<string>
  token_hash: string
  purpose: LinkPurpose
  /** The measure (purpose 'measure') or experience survey (purpose 'experience_survey') the link opens. */
  subject_id: string
  person_id: string | null
  organisation_id: string
  language: 'cy' | 'en'
  created_by: string | null
  created_at: CreatedAt
  expires_at: Stamp
  used_at: NullableStamp
  revoked_at: NullableStamp
}

export interface CompletionLinkTables {
  completion_links: CompletionLinkTable
}
