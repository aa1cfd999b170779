import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { TEST_PASSWORD } from './app.js'

/**
 * A browser-like client for `inject`: keeps cookies, reads the CSRF token from the last page it loaded, and sends
 * forms as a browser would. Tests read like the journey: `agent.signIn('admin')`, `agent.submit('/x', {...})`.
 */
export class Agent {
  private readonly jar = new Map<string, string>()
  csrf = ''
  last: LightMyRequestResponse | null = null

  constructor(
    private readonly app: FastifyInstance,
    readonly lang: 'en' | 'cy' = 'en',
  ) {}

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())
      if (expired) this.jar.delete(cookie.name)
      else this.jar.set(cookie.name, cookie.value)
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body)
    if (match?.[1]) this.csrf = match[1]
    this.last = response
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name)
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), 'accept-language': this.lang, ...headers } })
    this.remember(response)
    return response
  }

  /** Posts a form with the CSRF token of the last page, unless the test passes its own `_csrf`. */
  async submit(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams()
    if (options.csrf !== false && !('_csrf' in form)) body.append('_csrf', this.csrf)
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v)
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', 'accept-language': this.lang },
      payload: body.toString(),
    })
    this.remember(response)
    return response
  }

  /** Posts a form with a file input as multipart/form-data, as a browser does, with the CSRF token of the last page. */
  async upload(url: string, fields: Record<string, string>, files: Record<string, { filename: string; content: string | Buffer; type?: string }>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const boundary = `----cyswllt${Math.random().toString(16).slice(2)}`
    const parts: Buffer[] = []
    const all = options.csrf === false || '_csrf' in fields ? fields : { _csrf: this.csrf, ...fields }
    for (const [name, value] of Object.entries(all)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    for (const [name, file] of Object.entries(files)) {
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${file.filename}"\r\ncontent-type: ${file.type ?? 'text/csv'}\r\n\r\n`))
      parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content))
      parts.push(Buffer.from('\r\n'))
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`))
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': this.lang },
      payload: Buffer.concat(parts),
    })
    this.remember(response)
    return response
  }

  /** A JSON API call with the session cookie and CSRF header, as the pages' own scripts would make it. */
  async api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookieHeader(), 'x-csrf-token': this.csrf, 'accept-language': this.lang, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    })
    this.remember(response)
    return response
  }

  /** Signs in as a demo account by its role name (`admin`, `practitioner2`, …) or a full e-mail address. */
  async signIn(who: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/sign-in')
    const email = who.includes('@') ? who : `${who}@demo.cyswllt.test`
    const response = await this.submit('/sign-in', { email, password })
    if (response.statusCode !== 303) throw new Error(`sign-in as ${email} failed with ${response.statusCode}`)
    await this.get(response.headers.location as string)
    return response
  }
}
