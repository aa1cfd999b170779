import { closingOutcomeItems, NOT_ASKED } from './closing-outcomes-schema.js'

/** JSON schemas (OpenAPI) of what the person says changed; bodies are checked by validateClosingOutcomes. */
export const outcomeAnswersSchema = {
  type: 'object',
  description:
    'What the person says changed (Core Data Set statements named on each property). Each answer is one of its codes; null, "not_asked" or leaving it out means not asked. Another property is refused (422).',
  properties: Object.fromEntries(
    closingOutcomeItems.map((i) => [
      i.name,
      { type: ['string', 'null'], enum: [...i.answers, NOT_ASKED, null], description: `CDS #${i.cds}` },
    ]),
  ),
  additionalProperties: false,
} as const

/** The answers read back: null for a question not asked. */
export const closingOutcomesSchema = {
  type: 'object',
  properties: {
    episodeId: { type: 'string', format: 'uuid' },
    answers: {
      type: 'object',
      properties: Object.fromEntries(
        closingOutcomeItems.map((i) => [i.name, { type: ['string', 'null'], enum: [...i.answers, null] }]),
      ),
    },
    recordedBy: { type: ['string', 'null'] },
    recordedAt: { type: ['string', 'null'], format: 'date-time' },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
    editableUntil: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'Until when PUT may change the answers (30 days after closing); null when it may not',
    },
  },
  required: ['episodeId', 'answers', 'editableUntil'],
} as const
