/** Kysely types for workforce (issue 8), merged into the platform's DB type. Filled by the helper who owns the feature. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkforceTables {}
