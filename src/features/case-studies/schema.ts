/** Kysely types for case studies and the 'you said, we did' log (migrations/0023), merged into the platform's DB type. SCAFFOLD: to be filled. */
export type CaseStudyTables = Record<never, never>
