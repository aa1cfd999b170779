/** Kysely types for experience surveys and person-reported outcomes (migrations/0022), merged into the platform's DB type. SCAFFOLD: to be filled. */
export type ExperienceTables = Record<never, never>
