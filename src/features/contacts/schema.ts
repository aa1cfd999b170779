/** Kysely types for contacts with the person and healthcare use (issue 5 §6, §10) (migrations/0017–0018), merged into the platform's DB type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by issue 5
export interface ContactTables {}
