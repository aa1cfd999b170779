import type { InstrumentId } from '../contract.js'
import { djg6, onsLonelinessDirect, ucla3 } from './loneliness.js'
import { eq5d5l, mycaw, outcomesStar, pam } from './entered.js'
import type { InstrumentRules } from './types.js'
import { gse, ons4, swemwbs, wemwbs } from './wellbeing.js'

const all: Record<InstrumentId, InstrumentRules> = {
  wemwbs,
  swemwbs,
  ons4,
  ucla3_ons: ucla3,
  ons_loneliness_direct: onsLonelinessDirect,
  djg6,
  gse,
  mycaw,
  pam,
  eq5d5l,
  outcomes_star: outcomesStar,
}

export function rulesOf(id: InstrumentId): InstrumentRules {
  return all[id]
}
