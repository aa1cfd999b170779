import { randomBytes } from 'node:crypto'
import path from 'node:path'

/**
 * One typed configuration object, read from the environment once and checked at boot.
 * Every variable is documented in README.md and docs/configuration.md; keep the three in step.
 */
export interface Config {
  env: 'development' | 'test' | 'production'
  host: string
  port: number
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined
  dataDir: string
  sessionSecret: string
  demoData: boolean
  demoPassword: string | undefined
  logLevel: string
  /** Put `Secure` on cookies. On in production; off for plain-http development on loopback. */
  secureCookies: boolean
  /** Trust X-Forwarded-* from a reverse proxy in front of the service. */
  trustProxy: boolean
  signInRateLimitPerIp: number
  /** Self-referral forms one client address may send per hour; it may start six times as many drafts. */
  selfReferralRateLimitPerIp: number
  bodyLimitBytes: number
  /** Compress pages, JSON and CSV for clients that accept it (ADR 0015). Static files are precompressed either way. */
  compressResponses: boolean
  /**
   * Build the default all-Wales reports in the background once the server listens (ADR 0021), so that the first
   * commissioner after a restart does not wait for a year of month parts. On with PostgreSQL outside tests.
   */
  reportPrewarm: boolean
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cyswllt cannot start because its configuration is not valid:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

function parseBoolean(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined || value === '') return fallback
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false
  problems.push(`${name} must be true or false (it is "${value}").`)
  return fallback
}

function parseInteger(name: string, value: string | undefined, fallback: number, problems: string[], min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (it is "${value}").`)
    return fallback
  }
  return n
}

/**
 * `purpose: 'cli'` is for operator commands, which never sign anyone in: they need the database, not the
 * session secret.
 */
export function loadConfig(env: Env = process.env, purpose: 'service' | 'cli' = 'service'): Config {
  const problems: string[] = []
  const nodeEnv = env.NODE_ENV ?? 'development'
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production (it is "${nodeEnv}").`)
  }
  const production = nodeEnv === 'production'
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL connection string starting postgres:// or postgresql://.')
  }
  if (production && !databaseUrl) {
    problems.push('DATABASE_URL is required in production: the embedded database is for development and demonstration only.')
  }

  let sessionSecret = env.SESSION_SECRET ?? ''
  if (production && purpose === 'service' && Buffer.byteLength(sessionSecret) < 32) {
    problems.push('SESSION_SECRET must be set to at least 32 bytes in production (for example: openssl rand -base64 48).')
  }
  // Outside production a missing secret is generated per process: forms open across a restart then fail their CSRF
  // check and must be reloaded, which is fine there.
  if (!sessionSecret) sessionSecret = randomBytes(32).toString('base64url')

  const demoRequested = parseBoolean('DEMO_DATA', env.DEMO_DATA, !production, problems)
  if (production && demoRequested && env.DEMO_DATA) {
    problems.push('DEMO_DATA cannot be turned on in production: demo accounts have published e-mail addresses.')
  }

  const config: Config = {
    env: nodeEnv as Config['env'],
    host: env.HOST || '127.0.0.1',
    port: parseInteger('PORT', env.PORT, 3000, problems, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    sessionSecret,
    demoData: demoRequested && !production,
    demoPassword: env.DEMO_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    secureCookies: parseBoolean('SECURE_COOKIES', env.SECURE_COOKIES, production, problems),
    trustProxy: parseBoolean('TRUST_PROXY', env.TRUST_PROXY, false, problems),
    signInRateLimitPerIp: parseInteger('SIGN_IN_RATE_LIMIT', env.SIGN_IN_RATE_LIMIT, 100, problems, 1),
    selfReferralRateLimitPerIp: parseInteger('SELF_REFERRAL_RATE_LIMIT', env.SELF_REFERRAL_RATE_LIMIT, 10, problems, 1),
    bodyLimitBytes: parseInteger('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 256 * 1024, problems, 1024),
    compressResponses: parseBoolean('COMPRESS_RESPONSES', env.COMPRESS_RESPONSES, true, problems),
    // Off with the embedded database: PGlite has one connection, which the build would hold while the first pages
    // wait, and its data is the demo's, whose reports build in a moment anyway.
    reportPrewarm: parseBoolean('REPORT_PREWARM', env.REPORT_PREWARM, Boolean(databaseUrl) && nodeEnv !== 'test', problems),
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (it is "${config.logLevel}").`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
