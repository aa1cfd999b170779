/**
 * Travel carbon conversion factors (issue 7 §4, CDS #17, #18): UK Government GHG Conversion Factors for Company
 * Reporting, published by the Department for Energy Security and Net Zero (DESNZ), year 2024, "condensed set",
 * worksheet "Business travel- land", column "kg CO2e" (total of CO2, CH4 and N2O), Open Government Licence v3.0.
 * https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024
 *
 * Units: kg CO2e per passenger-km, except the car, which is per vehicle-km and taken as one occupant (the person).
 *   car                 Cars (by size) › Average car › Unknown fuel › km
 *   bus                 Bus › Average local bus › passenger.km
 *   community_transport as bus (a minibus run for the community: no factor of its own)
 *   train               Rail › National rail › passenger.km
 *   taxi                Taxis › Regular taxi › passenger.km
 *   walk, cycle, online 0 (no fuel burnt by the trip)
 *   other               not counted (no factor can be chosen for an unknown mode)
 *
 * NOTE FOR REVIEW: these four figures were transcribed without the published spreadsheet at hand when this was
 * built; check each against the 2024 file (or move to 2025 and change FACTOR_YEAR) before the figures are relied on.
 * The arithmetic does not depend on them: tests read them from here.
 */
export const FACTOR_YEAR = 2024

export const travelModes = ['walk', 'cycle', 'bus', 'train', 'car', 'community_transport', 'taxi', 'online', 'other'] as const
export type TravelMode = (typeof travelModes)[number]

const BUS = 0.10312

export const kgCo2ePerKm: Record<TravelMode, number | null> = {
  car: 0.166,
  bus: BUS,
  community_transport: BUS,
  train: 0.03546,
  taxi: 0.14861,
  walk: 0,
  cycle: 0,
  online: 0,
  other: null,
}

/** A connection's trip there and back: distance × 2 × the mode's factor; null when the mode is not counted. */
export function tripKgCo2e(mode: TravelMode, distanceKm: number): number | null {
  const factor = kgCo2ePerKm[mode]
  return factor === null ? null : distanceKm * 2 * factor
}
