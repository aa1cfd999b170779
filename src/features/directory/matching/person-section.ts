import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { DEFAULT_WITHIN_KM, PAGE_LIMIT, presentSuggestion, suggestionsFor } from './present.js'
import type { PersonForMatching } from './repository.js'
import { sharedRead } from '../../person-record/page-reads.js'
import { conversationsOf, latestThemesOf } from '../../what-matters/repository.js'
import { themeName } from './themes.js'

/**
 * The "Suggested services" section of the person page (src/features/person-record). Called inside the page's
 * transaction, after its `person.view` audit, so this read of the person's needs is covered by that audit.
 */
export async function suggestedServicesSection(trx: Transaction<DB>, request: FastifyRequest, person: PersonForMatching) {
  // The person's conversations, as the What Matters section reads them once per view: the latest themes are there.
  const conversations = await sharedRead(trx, `conversations:${person.id}`, () => conversationsOf(trx, person.id))
  const { needs, suggestions } = await suggestionsFor(trx, person, {
    withinKm: DEFAULT_WITHIN_KM,
    limit: PAGE_LIMIT,
    database: request.server.deps.database,
    recordedThemes: latestThemesOf(conversations),
  })
  const lang = request.lang
  return {
    withinKm: DEFAULT_WITHIN_KM,
    themes: needs.themes.map((code) => themeName(code, lang)),
    located: needs.located,
    items: suggestions.map((s) => presentSuggestion(s, lang, request.t)),
  }
}
