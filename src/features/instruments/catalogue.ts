import { type InstrumentId, instrumentIds } from './contract.js'
import { referenceOf } from './definitions.js'
import { copyrightLineOf } from './form.js'
import { djgSubscaleBands, djgTotalBands, MATTHEWS_2022_CUTOFF } from './scoring/loneliness.js'
import { rulesOf } from './scoring/index.js'
import { onsAnxietyBands, onsPositiveBands, swemwbsBands, wemwbsBands } from './scoring/wellbeing.js'
import { licensedInstruments, registeredInstruments } from './schema.js'

/*
 * How each instrument is described to API callers and on the catalogue pages: who owns it, its licence, whether its
 * items ship, what is scored, its bands and thresholds, its missing-data rule, and what is still provisional. Item
 * wording is never part of the description (it is offered only through instrumentForm, once permitted).
 */

type BandOut = { id: string; min: number; max: number; maxExclusive?: boolean }

/** Bands per series, as published (inclusive integers), or the SWEMWBS metric bands with their exclusive upper edge. */
export function bandsOf(id: InstrumentId, series: string): BandOut[] {
  if (id === 'wemwbs' && series === 'total') return wemwbsBands
  if (id === 'swemwbs' && series === 'metric') return swemwbsBands.map((b) => ({ id: b.id, min: b.from, max: Number.isFinite(b.below) ? b.below : 35, maxExclusive: Number.isFinite(b.below) }))
  if (id === 'ons4') return series === 'anxiety' ? onsAnxietyBands : onsPositiveBands
  if (id === 'djg6') return series === 'total' ? djgTotalBands : djgSubscaleBands
  return []
}

/** Where the research summary says a value is uncertain (REPORT.md), per instrument; keys are message ids too. */
export const provisionalNotes: Partial<Record<InstrumentId, string[]>> = {
  wemwbs: ['missing_data_rule', 'commercial_terms'],
  swemwbs: ['bands', 'conversion_raw_29', 'missing_data_rule', 'commercial_terms'],
  mycaw: ['anchors', 'minimal_change'],
  djg6: ['service_use_licence'],
  ucla3_ons: ['no_official_cutoff'],
}

/** REPORT.md "Check before release", by number, and the instruments each concerns. */
export const checksBeforeRelease: { number: number; instruments: InstrumentId[] | 'all' }[] = [
  { number: 1, instruments: ['swemwbs'] },
  { number: 2, instruments: ['swemwbs'] },
  { number: 3, instruments: ['wemwbs', 'swemwbs'] },
  { number: 4, instruments: ['mycaw'] },
  { number: 5, instruments: 'all' },
  { number: 6, instruments: 'all' },
]

export const permissionKindOf = (id: InstrumentId): 'registration' | 'licence' | null =>
  (registeredInstruments as readonly string[]).includes(id) ? 'registration' : (licensedInstruments as readonly string[]).includes(id) ? 'licence' : null

export function describeInstrument(id: InstrumentId) {
  const ref = referenceOf(id)
  const rules = rulesOf(id)
  const notes = provisionalNotes[id] ?? []
  return {
    id,
    name: ref.name,
    shortName: ref.shortName,
    owner: ref.owner,
    copyrightLine: copyrightLineOf(id),
    licence: {
      summary: ref.license.summary,
      requires: permissionKindOf(id),
      commercialTerms: ref.license.commercialTerms ?? null,
      storeScores: ref.license.storeScores ?? null,
    },
    mode: rules.mode,
    itemTextShips: rules.mode === 'items' && ref.itemTextIncluded,
    itemTextStatus: ref.itemTextStatus ?? null,
    items: rules.mode === 'items' ? [...rules.domains.keys()] : [],
    responseCodes: (ref.responseOptions ?? []).map((o) => o.code ?? o.value),
    fields:
      rules.mode === 'entered_scores'
        ? [...rules.domains].map(([key, d]) => ({ key, min: d.kind === 'coded' ? null : d.min, max: d.kind === 'coded' ? null : d.max, decimals: d.kind === 'decimal' ? d.places : 0, optional: (rules.optional ?? []).includes(key) }))
        : [],
    series: rules.series.map((s) => ({ ...s, bands: bandsOf(id, s.key) })),
    primarySeries: rules.primary,
    thresholds: {
      ...(id === 'ucla3_ons' ? { matthews2022ScreeningCutoff: MATTHEWS_2022_CUTOFF } : {}),
      ...(id === 'djg6' ? { nationalSurveyForWalesLonely: 4 } : {}),
      ...(id === 'ons_loneliness_direct' ? { chronicLoneliness: 'often_always' } : {}),
    },
    missingData: ref.scoring?.missingData ?? null,
    scoringFormula: ref.scoring?.formula ?? null,
    provisional: notes.length > 0,
    provisionalNotes: notes,
    bandsProvisional: rules.series.some((s) => s.provisionalBands),
    checksBeforeRelease: checksBeforeRelease.filter((c) => c.instruments === 'all' || c.instruments.includes(id)).map((c) => c.number),
    sources: (ref.sources ?? []).map((s) => ({ id: s.id, title: s.title, url: s.url })),
  }
}

export const catalogue = () => instrumentIds.map(describeInstrument)
