/** Kysely types for population estimates (issue 7 §3), merged into the platform's DB type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PopulationTables {}
