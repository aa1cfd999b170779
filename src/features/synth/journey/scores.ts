import { type Answers, headlineOf, type InstrumentId } from '../../instruments/contract.js'
import { itemIdsOf, referenceOf, swemwbsConversion } from '../../instruments/definitions.js'

/*
 * How synthetic answers are made for each instrument, and the scores the app would store for them (issue 9).
 * Answers are generated in SQL from a latent wellbeing level; the stored `scores` are never computed in SQL: they are
 * looked up from a table built here by calling the instruments feature's own `headlineOf` on answers of each key,
 * so a synthetic measure holds exactly what `saveMeasureAnswers` would have stored (journey.test.ts proves it on a
 * sample by re-scoring the stored answers).
 *
 * - 'sum' instruments (SWEMWBS, WEMWBS, GSE, UCLA-3): every item answered, so the headline depends on the total
 *   only; the key is the total and the lookup scores one representative set of answers with that total;
 * - 'items' instruments (ONS4, De Jong Gierveld 6, ONS direct loneliness): the key is every answer in item order,
 *   and every combination is scored (11⁴, 3⁶ and 5 keys).
 */
export interface SyntheticInstrument {
  id: InstrumentId
  items: string[]
  key: 'sum' | 'items'
  /** Numeric items: [lowest, highest] answer. Coded items: the codes, worst wellbeing first. */
  values: { min: number; max: number } | { codes: string[] }
}

const numeric = (id: InstrumentId, min: number, max: number, key: 'sum' | 'items'): SyntheticInstrument => ({
  id,
  items: itemIdsOf(id),
  key,
  values: { min, max },
})

export const syntheticInstruments: Record<string, SyntheticInstrument> = {
  swemwbs: numeric('swemwbs', 1, 5, 'sum'),
  wemwbs: numeric('wemwbs', 1, 5, 'sum'),
  gse: numeric('gse', 1, 4, 'sum'),
  ucla3_ons: numeric('ucla3_ons', 1, 3, 'sum'),
  ons4: numeric('ons4', 0, 10, 'items'),
  djg6: { id: 'djg6', items: itemIdsOf('djg6'), key: 'items', values: { codes: ['yes', 'more_or_less', 'no'] } },
  ons_loneliness_direct: {
    id: 'ons_loneliness_direct',
    items: itemIdsOf('ons_loneliness_direct'),
    key: 'items',
    values: { codes: (referenceOf('ons_loneliness_direct').responseOptions ?? []).map((o) => o.code as string) },
  },
}

/** Answers with a given total: as even as can be, the remainder on the first items. */
export function answersWithTotal(items: readonly string[], min: number, total: number): Answers {
  const over = total - min * items.length
  const base = Math.floor(over / items.length)
  const rest = over % items.length
  return Object.fromEntries(items.map((item, i) => [item, min + base + (i < rest ? 1 : 0)]))
}

function combinations(choices: readonly (number | string)[], length: number): (number | string)[][] {
  let out: (number | string)[][] = [[]]
  for (let i = 0; i < length; i++) out = out.flatMap((prefix) => choices.map((c) => [...prefix, c]))
  return out
}

/** Every key of the instrument with the headline the app stores for it (as JSON text). */
export function scoreLookup(instrument: SyntheticInstrument): { key: string; scores: string }[] {
  const { id, items, values } = instrument
  if (instrument.key === 'sum') {
    if (!('min' in values)) throw new Error(`${id}: a sum instrument needs numeric values`)
    const totals = Array.from(
      { length: items.length * (values.max - values.min) + 1 },
      (_, i) => items.length * values.min + i,
    )
    return totals.map((total) => ({
      key: String(total),
      scores: JSON.stringify(headlineOf(id, answersWithTotal(items, values.min, total))),
    }))
  }
  const choices =
    'codes' in values ? values.codes : Array.from({ length: values.max - values.min + 1 }, (_, i) => values.min + i)
  return combinations(choices, items.length).map((combo) => ({
    key: combo.join('|'),
    scores: JSON.stringify(headlineOf(id, Object.fromEntries(items.map((item, i) => [item, combo[i] ?? null])))),
  }))
}

/**
 * SWEMWBS metric score → the raw total whose metric is nearest: the bounds between neighbouring metrics, for
 * `width_bucket` (raw = 7 + bucket). So a latent metric score becomes answers whose stored metric is close to it.
 */
export function swemwbsRawBounds(): number[] {
  const metrics = [...swemwbsConversion.entries()].sort((a, b) => a[0] - b[0]).map(([, metric]) => metric)
  return metrics.slice(1).map((m, i) => (m + (metrics[i] as number)) / 2)
}
