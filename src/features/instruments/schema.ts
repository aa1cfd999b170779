/** Kysely types for instrument settings (migrations/0019), merged into the platform's DB type. SCAFFOLD: to be filled. */
export type InstrumentTables = Record<never, never>
