import type { ColumnType } from 'kysely'
import type { ConsentScope } from '../../platform/db/schema.js'

/*
 * The columns migrations/0018 adds to information_sharing_log (created in 0012, typed in connections/schema.ts).
 * They are declared here by interface merging so that the connections feature's file is left as it is; each is
 * nullable, so code that writes the log with the older columns compiles and runs unchanged.
 */
export const recipientKinds = ['asset', 'referrer', 'agency'] as const
export type RecipientKind = (typeof recipientKinds)[number]

type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>

declare module '../connections/schema.js' {
  interface InformationSharingLogTable {
    /** To whom: a community asset, the referrer, another agency. Null on rows written before 0018 by other code. */
    recipient_kind: Optional<RecipientKind>
    /** The consent scope in force that the disclosure relied on (basis `consent`). */
    consent_scope: Optional<ConsentScope>
    /** What was shared, in words, beside the list of `fields`. */
    shared_detail: Optional<string>
    /** Why, in the practitioner's words. */
    purpose_note: Optional<string>
    /** Basis `safeguarding_duty`: the concern that needed it, when there is one. */
    safeguarding_concern_id: Optional<string>
  }
}
