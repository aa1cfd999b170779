/**
 * A browser's cookies and form token over plain HTTP, enough to sign in and send forms as a person would: GET the
 * page, take the `_csrf` field and the cookies it sets, POST the form with both.
 */
export class Browser {
  readonly jar = new Map<string, string>()
  csrf = ''

  constructor(readonly base: string) {}

  cookieHeader(names?: readonly string[]): string {
    return [...this.jar]
      .filter(([k]) => !names || names.includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join('; ')
  }

  private remember(response: Response, body: string): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const at = (pair ?? '').indexOf('=')
      const name = (pair ?? '').slice(0, at).trim()
      const value = (pair ?? '').slice(at + 1).trim()
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (expired) this.jar.delete(name)
      else this.jar.set(name, value)
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(body)
    if (match?.[1]) this.csrf = match[1]
  }

  async get(path: string): Promise<{ status: number; body: string; location: string | null }> {
    const response = await fetch(this.base + path, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' })
    const body = await response.text()
    this.remember(response, body)
    return { status: response.status, body, location: response.headers.get('location') }
  }

  async post(
    path: string,
    form: Record<string, string | readonly string[]>,
  ): Promise<{ status: number; body: string; location: string | null }> {
    const params = new URLSearchParams({ _csrf: this.csrf })
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) params.append(k, one)
    const response = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
      redirect: 'manual',
    })
    const body = await response.text()
    this.remember(response, body)
    return { status: response.status, body, location: response.headers.get('location') }
  }
}

/** Signs in with e-mail and password; returns the browser holding the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<Browser> {
  const browser = new Browser(base)
  await browser.get('/sign-in')
  const response = await browser.post('/sign-in', { email, password })
  if (response.status !== 303) throw new Error(`Signing in as ${email} answered ${response.status}, not 303.`)
  return browser
}
