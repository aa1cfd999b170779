/*
 * Arithmetic the scoring and change rules share. Scores are reported to 2 decimal places, and differences of
 * 2-decimal scores are taken in hundredths so that, say, 21.54 − 19.25 is 2.29 and not 2.2899999999999991
 * (a threshold such as "≥ 1.03" must not be missed by float noise).
 */

/** Rounds half away from zero to `places` decimals, tolerating the float error of the value itself. */
export function roundTo(value: number, places = 2): number {
  const factor = 10 ** places
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)
  return rounded / factor + 0 // + 0 turns -0 into 0
}

export const hundredths = (value: number): number => Math.round(value * 100)

/** b − a for 2-decimal scores, exactly. */
export function difference(a: number, b: number): number {
  return (hundredths(b) - hundredths(a)) / 100
}

/** Whether `change` (already in the better direction) is at least `threshold`, compared exactly in hundredths. */
export function atLeast(change: number, threshold: number): boolean {
  return hundredths(change) >= hundredths(threshold)
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length
}

export function sampleSd(values: readonly number[]): number {
  const m = mean(values)
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1))
}

/** ln Γ(x) (Lanczos), for the t distribution below. */
function logGamma(x: number): number {
  const g = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953]
  let y = x
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5)
  let ser = 1.00000000019
  for (const c of g) ser += c / ++y
  return -tmp + Math.log((2.5066282746310007 * ser) / x)
}

/** Continued fraction for the regularised incomplete beta function (Numerical Recipes betacf). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-30
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 200; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-12) break
  }
  return h
}

function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t))
  return t >= 0 ? 1 - tail : tail
}

/** The t value with P(T ≤ t) = p, by bisection (p in (0.5, 1)); used for the 95% interval of a paired mean change. */
export function tQuantile(p: number, df: number): number {
  let lo = 0
  let hi = 1000
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (tCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
