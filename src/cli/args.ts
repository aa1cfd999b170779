import { MAX_TOKEN_DAYS } from '../platform/security/api-tokens.js'

/** What `cyswllt <command> [options]` asks for, checked before anything is opened. Pure: no I/O. */
export type CliCommand =
  | { command: 'help' }
  | { command: 'migrate' }
  | { command: 'create-admin'; email: string; name: string | null; organisation: string | null }
  | { command: 'create-token'; email: string; name: string; days: number }
  | { command: 'import-postcodes'; file: string }
  | { command: 'import-wimd'; file: string; edition: string }
  | { command: 'import-oruk'; file: string; dryRun: boolean }
  | { command: 'import-csv'; file: string; dryRun: boolean }
  | { command: 'refresh-reports'; full: boolean }
  | { command: 'import-population'; file: string }
  | { command: 'synth'; episodes: number; services: number; seed: number; until: string; password: string | null }

export type ParseResult = { ok: true; value: CliCommand } | { ok: false; message: string }

const options: Record<string, Record<string, { required: boolean }>> = {
  help: {},
  migrate: {},
  'create-admin': { email: { required: true }, name: { required: false }, organisation: { required: false } },
  'create-token': { email: { required: true }, name: { required: true }, days: { required: false } },
  'import-postcodes': {},
  'import-wimd': { edition: { required: false } },
  'import-oruk': { 'dry-run': { required: false } },
  'import-csv': { 'dry-run': { required: false } },
  'refresh-reports': { full: { required: false } },
  'import-population': {},
  synth: {
    episodes: { required: false },
    services: { required: false },
    seed: { required: false },
    until: { required: false },
    password: { required: false },
  },
}

/** Options that are switches, given without a value (`--dry-run`). */
const switches = new Set(['dry-run', 'full'])

/** Commands that take one file name after the command, as `import-postcodes FILE`. */
const takesFile = new Set(['import-postcodes', 'import-wimd', 'import-oruk', 'import-csv', 'import-population'])

export const DEFAULT_CLI_TOKEN_DAYS = 90

export const usage = `Usage: npm run cyswllt -- <command> [options]

Commands:
  migrate                                  Apply pending database migrations and list them.
  create-admin --email <e> [--name <n>] [--organisation <name>]
                                           Create an administrator with a generated password (printed once),
                                           or give an existing user the admin role. Without --organisation the
                                           account goes in "Cyswllt administrators" (created if needed).
  create-token --email <e> --name <label> [--days 90]
                                           Create a personal API token for a user and print only the token,
                                           for scripts (use npm run --silent so npm adds nothing to stdout).
  import-postcodes FILE                    Load an ONS Postcode Directory-style CSV (pcds, lat, long, oslaua,
                                           lsoa21), streamed in batches; reports rows read, imported, skipped.
  import-wimd FILE [--edition 2019]        Load Welsh Index of Multiple Deprivation ranks by LSOA (lsoa_code,
                                           rank; decile and quintile optional).
  import-oruk FILE [--dry-run]             Load an Open Referral UK JSON file (a 3.0 page of services or
                                           organisations, one full service or organisation, or a v1 feed) into
                                           the directory in one transaction, upserting by id; reports what was
                                           created, updated, unchanged and skipped (and why). A malformed file
                                           is refused with the path of each bad field and nothing is written.
                                           --dry-run does everything, reports, and rolls back.
  import-csv FILE [--dry-run]              Load the directory CSV (the layout of the editors' export, see
                                           docs/directory-csv.md) in one transaction, upserting by id; reports
                                           what was created, updated and unchanged. A file with any bad field is
                                           refused with the row and column of each and nothing is written.
  refresh-reports [--full]                 Bring the reports' aggregates up to date: the referrals changed since
                                           the last refresh, or with --full every referral (docs/reports-engine.md).
  import-population FILE                   Load ONS mid-year population estimates (year, local_authority_code,
                                           age or age_band, optional sex, population; see
                                           docs/service-returns.md), summed to age bands. A file with any bad
                                           row is refused with the line of each and nothing is written; a good
                                           file replaces the years it holds.
  synth [--episodes 10000] [--services 2500] [--seed 1] [--until 2026-11-30] [--password <p>]
                                           Fill an EMPTY database with realistic synthetic data for benchmarks
                                           (docs/performance.md): providers, accounts, the directory, people,
                                           referrals, episodes, contacts, connections and measures over the ten
                                           years to --until. Same seed, same data. Full national scale is
                                           --episodes 1000000 --services 25000. Accounts are <role>-<n>@synth.example
                                           with --password (else DEMO_PASSWORD, else one generated and printed).
  help                                     Show this help.

The database is DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR (default ./data).`

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function fail(message: string): ParseResult {
  return { ok: false, message }
}

/** Parses `argv` (without node and the script): a command, then `--option value` or `--option=value` pairs. */
export function parseCliArgs(argv: readonly string[]): ParseResult {
  const [first, ...rest] = argv
  if (first === undefined || first === 'help' || first === '--help' || first === '-h')
    return { ok: true, value: { command: 'help' } }
  const known = options[first]
  if (!known) return fail(`Unknown command "${first}". Commands: ${Object.keys(options).join(', ')}.`)

  const given = new Map<string, string>()
  let file: string | null = null
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    if (arg === '--help' || arg === '-h') return { ok: true, value: { command: 'help' } }
    if (!arg.startsWith('--') && takesFile.has(first) && file === null) {
      file = arg
      continue
    }
    if (!arg.startsWith('--'))
      return fail(`Unexpected argument "${arg}" for ${first}. Options are written --name value.`)
    const eq = arg.indexOf('=')
    const key = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    if (!Object.hasOwn(known, key)) {
      const allowed = Object.keys(known).map((k) => `--${k}`)
      return fail(
        `Unknown option --${key} for ${first}.${allowed.length ? ` Options: ${allowed.join(', ')}.` : ' It takes no options.'}`,
      )
    }
    let value: string | undefined
    if (switches.has(key)) {
      if (eq !== -1) return fail(`--${key} takes no value.`)
      value = 'true'
    } else if (eq !== -1) value = arg.slice(eq + 1)
    else {
      value = rest[i + 1]
      if (value === undefined || value.startsWith('--')) return fail(`--${key} needs a value.`)
      i++
    }
    if (given.has(key)) return fail(`--${key} is given more than once.`)
    given.set(key, value.trim())
  }
  for (const [key, spec] of Object.entries(known)) {
    if (spec.required && !given.get(key)) return fail(`${first} needs --${key}.`)
  }
  if (takesFile.has(first) && !file) return fail(`${first} needs the file to load, as: ${first} FILE.`)

  switch (first) {
    case 'migrate':
      return { ok: true, value: { command: 'migrate' } }
    case 'create-admin': {
      const email = checkEmail(given.get('email'))
      if (!email.ok) return email
      const name = given.has('name') ? given.get('name') : null
      if (name !== null && name !== undefined && (name.length < 1 || name.length > 200))
        return fail('--name must be 1 to 200 characters.')
      const organisation = given.has('organisation') ? given.get('organisation') : null
      if (organisation !== null && organisation !== undefined && (organisation.length < 1 || organisation.length > 200))
        return fail('--organisation must be 1 to 200 characters.')
      return {
        ok: true,
        value: { command: 'create-admin', email: email.value, name: name ?? null, organisation: organisation ?? null },
      }
    }
    case 'create-token': {
      const email = checkEmail(given.get('email'))
      if (!email.ok) return email
      const name = given.get('name') as string
      if (name.length > 100) return fail('--name must be 100 characters or fewer.')
      const rawDays = given.get('days')
      const days = rawDays === undefined ? DEFAULT_CLI_TOKEN_DAYS : /^\d{1,4}$/.test(rawDays) ? Number(rawDays) : NaN
      if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)
        return fail(`--days must be a whole number from 1 to ${MAX_TOKEN_DAYS}.`)
      return { ok: true, value: { command: 'create-token', email: email.value, name, days } }
    }
    case 'import-postcodes':
      return { ok: true, value: { command: 'import-postcodes', file: file as string } }
    case 'import-wimd': {
      const edition = given.get('edition') ?? '2019'
      if (!/^\d{4}$/.test(edition)) return fail('--edition must be a year, like 2019.')
      return { ok: true, value: { command: 'import-wimd', file: file as string, edition } }
    }
    case 'import-population':
      return { ok: true, value: { command: 'import-population', file: file as string } }
    case 'import-oruk':
    case 'import-csv':
      return { ok: true, value: { command: first, file: file as string, dryRun: given.has('dry-run') } }
    case 'synth':
      return parseSynth(given)
    case 'refresh-reports':
      return { ok: true, value: { command: 'refresh-reports', full: given.has('full') } }
    default:
      return { ok: true, value: { command: 'help' } }
  }
}

function parseSynth(given: Map<string, string>): ParseResult {
  const whole = (key: string, fallback: number, min: number, max: number): number | string => {
    const raw = given.get(key)
    if (raw === undefined) return fallback
    const value = /^\d{1,9}$/.test(raw.replaceAll('_', '')) ? Number(raw.replaceAll('_', '')) : NaN
    if (!Number.isInteger(value) || value < min || value > max)
      return `--${key} must be a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}.`
    return value
  }
  const episodes = whole('episodes', 10_000, 10, 5_000_000)
  if (typeof episodes === 'string') return fail(episodes)
  const services = whole('services', 2_500, 10, 250_000)
  if (typeof services === 'string') return fail(services)
  const seed = whole('seed', 1, 0, 2_000_000)
  if (typeof seed === 'string') return fail(seed)
  const until = given.get('until') ?? '2026-11-30'
  const date = new Date(`${until}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== until)
    return fail('--until must be a date written YYYY-MM-DD, like 2026-11-30.')
  const password = given.get('password') ?? null
  if (password !== null && password.length < 12) return fail('--password must be at least 12 characters.')
  return { ok: true, value: { command: 'synth', episodes, services, seed, until, password } }
}

function checkEmail(raw: string | undefined): { ok: true; value: string } | { ok: false; message: string } {
  const email = (raw ?? '').toLowerCase()
  if (email.length > 254 || !EMAIL.test(email))
    return { ok: false, message: `--email "${raw ?? ''}" is not an e-mail address.` }
  return { ok: true, value: email }
}
