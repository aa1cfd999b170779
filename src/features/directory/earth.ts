/**
 * Distance on the earth as PostgreSQL's earthdistance measures it (migration 0048's `location_earth`, then
 * `earth_distance`), for matching, which measures from a person to every kept place in memory (matching/kept-directory.ts)
 * and must agree with the directory search, which measures in the database. The same formulas in the same order of
 * operations: a sphere of radius `earth()` (6,378,168 m), points as three coordinates, the straight line between them
 * turned into the great-circle distance (`sec_to_gc`).
 */
export const EARTH_RADIUS_METRES = 6378168

const RADIANS_PER_DEGREE = Math.PI / 180

/** A point on the earth: `location_earth(latitude, longitude)`. */
export interface EarthPoint {
  x: number
  y: number
  z: number
}

export function earthPoint(latitude: number, longitude: number): EarthPoint {
  const lat = latitude * RADIANS_PER_DEGREE
  const lon = longitude * RADIANS_PER_DEGREE
  return {
    x: EARTH_RADIUS_METRES * Math.cos(lat) * Math.cos(lon),
    y: EARTH_RADIUS_METRES * Math.cos(lat) * Math.sin(lon),
    z: EARTH_RADIUS_METRES * Math.sin(lat),
  }
}

/** `earth_distance(a, b)`: the great-circle distance in metres. */
export function earthDistance(a: EarthPoint, b: EarthPoint): number {
  const chord = Math.sqrt((a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2)
  return chord >= 2 * EARTH_RADIUS_METRES ? Math.PI * EARTH_RADIUS_METRES : 2 * EARTH_RADIUS_METRES * Math.asin(chord / (2 * EARTH_RADIUS_METRES))
}

/**
 * The square of the straight line (chord) between two points `metres` apart on the surface, with a little room for
 * rounding: a point whose squared chord to another is above it is surely farther than `metres`, without the square
 * root and arc sine of `earthDistance`. For sifting many points before measuring the few that may be near.
 */
export function chordSquaredWithin(metres: number): number {
  if (metres >= Math.PI * EARTH_RADIUS_METRES) return Number.POSITIVE_INFINITY
  const chord = 2 * EARTH_RADIUS_METRES * Math.sin(metres / (2 * EARTH_RADIUS_METRES))
  return chord * chord * (1 + 1e-9) + 1e-6
}

/** The squared chord between two points (no square root): compare with `chordSquaredWithin`. */
export function chordSquared(a: EarthPoint, b: EarthPoint): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2
}
