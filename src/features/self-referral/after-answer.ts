import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { normalisePostcode } from '../people/person-rules.js'
import { locate, providersCovering } from '../referrals/repository.js'
import { type Answers, chosenLanguage, isUnder18, markIncomplete, type QuestionStep, text } from './journey.js'

const guardianFields = ['guardianName', 'guardianRelationship', 'guardianContact'] as const

/**
 * What an accepted page changes beyond its own fields: the language markers, the place and whether a provider
 * covers it, and dropping answers that no longer apply (a guardian for someone who turns out to be an adult).
 */
export async function afterAnswer(db: Kysely<DB>, step: QuestionStep, before: Answers, after: Answers, today: Date): Promise<Answers> {
  switch (step) {
    case 'language':
      // The active offer was made, whatever the answer (CDS #13).
      return { ...after, language: chosenLanguage(after), welshOfferMade: 'yes' }
    case 'date-of-birth': {
      if (isUnder18(after, today)) return after
      return markIncomplete({ ...after, ...Object.fromEntries(guardianFields.map((field) => [field, undefined])) }, 'guardian')
    }
    case 'postcode':
      return postcodeAnswered(db, before, after)
    case 'local-authority':
      return { ...after, providerFound: (await providersCovering(db, text(after, 'localAuthorityCode'))).length > 0 ? 'yes' : 'no' }
    default:
      return after
  }
}

/**
 * A postcode in the loaded postcode file gives the local authority; otherwise the person is asked for it, unless
 * they gave this same postcode before and already chose one.
 */
async function postcodeAnswered(db: Kysely<DB>, before: Answers, after: Answers): Promise<Answers> {
  const postcode = normalisePostcode(text(after, 'postcode')) ?? text(after, 'postcode')
  const place = await locate(db, postcode, null)
  if (place.localAuthorityCode) {
    const providers = await providersCovering(db, place.localAuthorityCode)
    return markIncomplete({ ...after, postcode, postcodeKnown: 'yes', localAuthorityCode: place.localAuthorityCode, providerFound: providers.length > 0 ? 'yes' : 'no' }, 'local-authority')
  }
  const unchanged = before.postcodeKnown === 'no' && normalisePostcode(text(before, 'postcode')) === postcode && text(before, 'localAuthorityCode') !== ''
  if (unchanged) return { ...after, postcode }
  const out = markIncomplete({ ...after, postcode, postcodeKnown: 'no' }, 'local-authority')
  delete out.localAuthorityCode
  delete out.providerFound
  return out
}
