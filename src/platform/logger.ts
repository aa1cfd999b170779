import pino, { type Logger } from 'pino'
import type { Config } from './config.js'

/**
 * A single-use link's token is a secret as good as a password (issue 6 §2): the path of a link page
 * (`/q/<token>/…`, `/survey/<token>/…`) is logged with the token replaced, so logs cannot reopen a link.
 */
export function redactPath(path: string): string {
  return path.replace(/^\/(q|survey)\/[^/?#]+/, '/$1/[token]')
}

/**
 * Structured JSON logs for operators. Requests are logged by method, route and status only: no query strings,
 * bodies, cookies or authorisation headers, which can carry personal data or credentials.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'cyswllt' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; routeOptions?: { url?: string }; id?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url,
        path: redactPath(req.url.split('?')[0] ?? ''),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }
  // A destination other than stdout only in tests, which read the lines to check what is (not) logged.
  return destination ? pino(options, destination) : pino(options)
}
