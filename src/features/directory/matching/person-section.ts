import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { DEFAULT_WITHIN_KM, PAGE_LIMIT, presentSuggestion, suggestionsFor } from './present.js'
import type { PersonForMatching } from './repository.js'
import { themeName } from './themes.js'

/**
 * The "Suggested services" section of the person page (src/features/person-record). Called inside the page's
 * transaction, after its `person.view` audit, so this read of the person's needs is covered by that audit.
 */
export async function suggestedServicesSection(trx: Kysely<DB> | Transaction<DB>, request: FastifyRequest, person: PersonForMatching) {
  const { needs, suggestions } = await suggestionsFor(trx, person, { withinKm: DEFAULT_WITHIN_KM, limit: PAGE_LIMIT, database: request.server.deps.database })
  const lang = request.lang
  return {
    withinKm: DEFAULT_WITHIN_KM,
    themes: needs.themes.map((code) => themeName(code, lang)),
    located: needs.located,
    items: suggestions.map((s) => presentSuggestion(s, lang, request.t)),
  }
}
