import { readFileSync } from 'node:fs'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { FormAvailability, FormItem, InstrumentId } from './contract.js'
import { referenceOf } from './definitions.js'
import { rulesOf } from './scoring/index.js'
import { currentPermission, currentTranslation } from './settings.js'
import type { PermissionInstrument } from './schema.js'

/*
 * What an organisation may show or record for an instrument. WEMWBS/SWEMWBS items only once its registration with
 * Warwick is recorded; licensed tools take entered scores only while a licence is current; items in Welsh only from
 * an owner-approved translation the organisation has loaded (until then the English items, saying why).
 */

type Db = Kysely<DB> | Transaction<DB>

/** Attribution shown with instruments that publish no copyright line of their own (instruments.json `license`). */
export const attributions: Partial<Record<InstrumentId, string>> = {
  ons4: 'Source: Office for National Statistics. Contains public sector information licensed under the Open Government Licence v3.0.',
  ons_loneliness_direct: 'Source: Office for National Statistics. Contains public sector information licensed under the Open Government Licence v3.0.',
  ucla3_ons: 'Three-item UCLA Loneliness Scale (Hughes et al. 2004), as recommended by the Office for National Statistics (2018); Open Government Licence v3.0.',
  djg6: 'De Jong Gierveld 6-item Loneliness Scale: de Jong Gierveld, J. and van Tilburg, T. (2006), Research on Aging 28(5).',
  gse: 'General Self-Efficacy Scale: Schwarzer, R. and Jerusalem, M. (1995).',
}

export const copyrightLineOf = (id: InstrumentId): string => referenceOf(id).copyrightLine ?? attributions[id] ?? referenceOf(id).owner

/** The labels of our entered-score fields, from this feature's message catalogues (they are ours, not the owners'). */
const fieldLabels = Object.fromEntries(
  (['en', 'cy'] as const).map((lang) => {
    const messages = JSON.parse(readFileSync(new URL(`./messages/${lang}.json`, import.meta.url), 'utf8')) as { instruments: { fields: Record<string, Record<string, string>> } }
    return [lang, messages.instruments.fields]
  }),
) as Record<'en' | 'cy', Record<string, Record<string, string>>>

export function enteredFields(id: InstrumentId, language: 'cy' | 'en'): FormItem[] {
  return [...rulesOf(id).domains].map(([key, domain]) => ({
    id: key,
    text: fieldLabels[language][id]?.[key] ?? key,
    // Small whole-number scales are offered as choices; scores such as the EQ VAS are typed in.
    options: domain.kind === 'integer' && domain.max - domain.min <= 10 ? Array.from({ length: domain.max - domain.min + 1 }, (_, i) => ({ value: domain.min + i, label: String(domain.min + i) })) : [],
  }))
}

const needsRegistration = (id: InstrumentId): id is PermissionInstrument => id === 'wemwbs' || id === 'swemwbs'

export async function formAvailability(db: Db, organisationId: string, id: InstrumentId, language: 'cy' | 'en'): Promise<FormAvailability> {
  const rules = rulesOf(id)
  if (rules.mode === 'entered_scores') {
    const licence = await currentPermission(db, organisationId, id as PermissionInstrument)
    if (!licence) return { available: false, reason: 'licence_required' }
    return { available: true, mode: 'entered_scores', fields: enteredFields(id, language), licence: licence.reference }
  }
  if (needsRegistration(id) && !(await currentPermission(db, organisationId, id))) return { available: false, reason: 'registration_required' }
  const reference = referenceOf(id)
  const translation = language === 'cy' ? await currentTranslation(db, organisationId, id, 'cy') : undefined
  const content = translation?.content
  const items: FormItem[] = [...(reference.items ?? [])]
    .sort((a, b) => a.order - b.order)
    .map((item) => ({
      id: item.id,
      text: content?.items[item.id] ?? item.text,
      options: (reference.responseOptions ?? []).map((o) => {
        const value = o.code ?? o.value
        return { value, label: content?.responseLabels[String(value)] ?? o.label }
      }),
    }))
  return {
    available: true,
    mode: 'items',
    form: {
      instrumentId: id,
      itemLanguage: content ? 'cy' : 'en',
      fallback: language === 'cy' && !content ? 'no_approved_translation' : null,
      instructions: content?.instructions ?? reference.instructions ?? '',
      copyrightLine: copyrightLineOf(id),
      items,
    },
  }
}
