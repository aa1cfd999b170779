import { readFileSync } from 'node:fs'
import type { InstrumentId } from './contract.js'

/*
 * The instruments as the research summary describes them (reference/instruments.json, see reference/SOURCE.md).
 * That file is the one clearly-attributed resource holding the owners' item wording; nothing else in the
 * repository repeats it, and no Welsh item wording is ever written here (owners forbid unapproved wording).
 */

export interface ReferenceItem {
  id: string
  order: number
  text: string
  subscale?: 'emotional' | 'social'
  lonelyIf?: string[]
  higherIsBetter?: boolean
  bandSet?: 'positive' | 'anxiety'
}

export interface ReferenceOption {
  value: number
  label: string
  code?: string
}

export interface ReferenceInstrument {
  id: InstrumentId
  name: string
  shortName: string
  owner: string
  copyrightLine?: string
  instructions?: string
  itemTextIncluded: boolean
  itemTextStatus?: string
  items?: ReferenceItem[]
  responseOptions?: ReferenceOption[]
  scoring?: {
    formula?: string
    conversionTable?: { raw: number; metric: number }[]
    conversionTableProvenance?: string
    missingData?: { rule: string; note?: string; confidence?: string }
  }
  bands?: { status?: string; confidence?: string; notes?: string }
  license: { summary: string; registrationRequired: boolean; commercialTerms?: string; storeScores?: string }
  welsh?: { officialVersionExists?: string; notes?: string }
  sources?: { id: string; title: string; url: string }[]
}

const reference = JSON.parse(readFileSync(new URL('./reference/instruments.json', import.meta.url), 'utf8')) as { instruments: ReferenceInstrument[] }

const byId = new Map(reference.instruments.map((instrument) => [instrument.id, instrument]))

export function referenceOf(id: InstrumentId): ReferenceInstrument {
  const found = byId.get(id)
  if (!found) throw new Error(`Instrument ${id} is missing from reference/instruments.json`)
  return found
}

/** Item ids in the order the instrument asks them (empty for instruments whose items are not shipped). */
export function itemIdsOf(id: InstrumentId): string[] {
  return [...(referenceOf(id).items ?? [])].sort((a, b) => a.order - b.order).map((item) => item.id)
}

/** SWEMWBS raw sum (7–35) → Rasch metric score, as published (Stewart-Brown 2009) and checked in REPORT.md §1. */
export const swemwbsConversion: ReadonlyMap<number, number> = new Map((referenceOf('swemwbs').scoring?.conversionTable ?? []).map((row) => [row.raw, row.metric]))
