import { SIZES } from '../src/features/synth/plan.js'

/**
 * The options of `npm run bench` (issue 9), read from its arguments. Pure, so the smoke test and the CLI share it.
 * A size is a named one of `SIZES` (small, full) or, for the smoke test and quick trials, explicit
 * `--episodes N --services M` (named "custom" in the results file).
 */
export type DbKind = 'pglite' | 'postgres'

export interface BenchOptions {
  size: string
  episodes: number
  services: number
  seed: number
  db: DbKind
  /** Measured requests per read scenario (after the warm-up). */
  requests: number
  /** Measured submissions per write scenario; each self-referral needs a dozen requests to prepare its draft. */
  writes: number
  /** Warm-up requests per scenario, not counted. */
  warmup: number
  connections: number
  /** Requests per second of the scenarios sent at a stated rate (person-busy-hour); their own rate when unset. */
  rate: number | undefined
  /** Cold samples of each RBA report (each after one referral write). */
  cold: number
  /** Timings of each floor query, run directly against the database. */
  floorRuns: number
  /** Only these scenarios (names as in scenarios.ts); all when empty. */
  scenarios: string[]
  fresh: boolean
  /** Overrides: the PGlite folder, the PostgreSQL database URL, the folder results are written to. */
  dataDir: string | undefined
  databaseUrl: string | undefined
  resultsDir: string
  /** Print the summary table of a results file and stop. */
  markdown: string | undefined
}

export class BenchUsageError extends Error {}

/**
 * The PostgreSQL database a size is built in when BENCH_DATABASE_URL is not set: one per size, as PGlite has one folder
 * per size, so that a quick `--size small` run never drops the full-size database (about 45 minutes to build again).
 */
export function defaultDatabaseUrl(size: string, episodes: number, services: number): string {
  const name = size === 'custom' ? `${episodes}_${services}` : size
  return `postgres://postgres@127.0.0.1:5432/cyswllt_bench_${name}`
}

export function parseBenchArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): BenchOptions {
  const values = new Map<string, string>()
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('--')) throw new BenchUsageError(`Unexpected argument "${arg}".`)
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    if (name === 'fresh') {
      flags.add(name)
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined) throw new BenchUsageError(`--${name} needs a value.`)
    values.set(name, value)
  }
  const known = [
    'size',
    'db',
    'requests',
    'writes',
    'warmup',
    'connections',
    'rate',
    'cold',
    'floor-runs',
    'scenario',
    'episodes',
    'services',
    'seed',
    'data-dir',
    'results-dir',
    'markdown',
  ]
  const unknown = [...values.keys()].filter((k) => !known.includes(k))
  if (unknown.length)
    throw new BenchUsageError(`Unknown option --${unknown[0]}. Options: --${known.join(', --')}, --fresh.`)

  const whole = (name: string, fallback: number, min = 1): number => {
    const raw = values.get(name)
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min)
      throw new BenchUsageError(`--${name} must be a whole number of at least ${min} (it is "${raw}").`)
    return n
  }

  const db = values.get('db') ?? 'postgres'
  if (db !== 'pglite' && db !== 'postgres')
    throw new BenchUsageError(`--db must be pglite or postgres (it is "${db}").`)
  let size = values.get('size') ?? 'small'
  const custom = values.has('episodes') || values.has('services')
  if (!custom && !(size in SIZES))
    throw new BenchUsageError(`--size must be ${Object.keys(SIZES).join(' or ')} (it is "${size}").`)
  const named = SIZES[size as keyof typeof SIZES] ?? SIZES.small
  if (custom) size = 'custom'
  const connections = whole('connections', 10)
  const episodes = whole('episodes', named.episodes)
  const services = whole('services', named.services)
  return {
    size,
    episodes,
    services,
    seed: whole('seed', 1, 0),
    db,
    requests: Math.max(connections, whole('requests', 1000)),
    writes: Math.max(connections, whole('writes', 300)),
    warmup: whole('warmup', 100, 0),
    connections,
    rate: values.has('rate') ? whole('rate', 1) : undefined,
    cold: whole('cold', 3),
    floorRuns: whole('floor-runs', 200),
    scenarios: (values.get('scenario') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    fresh: flags.has('fresh'),
    dataDir: values.get('data-dir'),
    databaseUrl: db === 'postgres' ? env.BENCH_DATABASE_URL || defaultDatabaseUrl(size, episodes, services) : undefined,
    resultsDir: values.get('results-dir') ?? 'bench/results',
    markdown: values.get('markdown'),
  }
}
