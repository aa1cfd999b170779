/** Kysely types for teams (issue 7), merged into the platform's DB type. Filled by the helper who owns the feature. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TeamTables {}
