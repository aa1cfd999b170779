/** Kysely types for safeguarding concerns (CS Std 3, CF 2.4) (migrations/0017–0018), merged into the platform's DB type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by issue 5
export interface SafeguardingTables {}
