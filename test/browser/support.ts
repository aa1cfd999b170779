import { type Browser, type BrowserContext, chromium, type Locator, type Page, type Response } from 'playwright-core'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { I18n, type Language, type Params } from '../../src/platform/i18n/i18n.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js'
import type { DatabaseKind } from '../support/databases.js'
import { axeResults } from './axe.js'

/**
 * The browser-test harness: the real app listening on a loopback port, Debian's Chromium driven by playwright-core
 * (no browser is ever downloaded), and a page object whose every navigation is checked for accessibility (axe,
 * WCAG 2.1 A and AA and 2.2 AA), console errors (which include Content-Security-Policy refusals) and off-site requests.
 */
/**
 * Debian's Chromium headless shell when it is installed, else Debian's Chromium: the same engine at the same version,
 * without the whole browser's windowing, for about a quarter less CPU per journey (ADR 0027). CHROMIUM_PATH names
 * any other.
 */
export const chromiumPath =
  process.env.CHROMIUM_PATH ||
  (existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium')

/** The flags a closed network needs: without the background-networking ones Chromium keeps calling home. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every host name is unknown: a page's request to another site by name fails in the browser, before any lookup.
  // The Visitor reports every off-site request, by name or by address, and fails the check on it.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
]

export const demoEmail = (who: string) => (who.includes('@') ? who : `${who}@demo.cyswllt.test`)

export const otherLanguage = (lang: Language): Language => (lang === 'en' ? 'cy' : 'en')

/** BROWSER_ALL_LANGUAGES=1 runs every journey in both languages (slower); see `suiteLanguages`. */
export const allLanguages = process.env.BROWSER_ALL_LANGUAGES === '1'

/**
 * The languages a feature's browser journeys run in: its `primary` language only, unless BROWSER_ALL_LANGUAGES=1.
 * The whole-pathway journeys (self-referral, the support journey, the basics in journeys.test.ts) always run in
 * both; every message exists in both catalogues (catalogue.test.ts) and the integration tests read pages in both.
 * This keeps `npm test` inside CI's 20 minutes on two cores (docs/operations.md, "Tests").
 */
export function suiteLanguages(primary: Language): Language[] {
  return allLanguages ? [primary, otherLanguage(primary)] : [primary]
}

/** The texts the pages should show, read from the same catalogues the app uses. */
const i18n = new I18n((key, lang) => {
  throw new Error(`message ${key} is missing in ${lang}`)
})
export const text = (lang: Language, key: string, params?: Params) => i18n.translate(lang, key, params)

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath}`
}

/**
 * A suite of browser journeys. Without Chromium it fails when REQUIRE_BROWSER_TESTS=1 (CI), and otherwise is
 * skipped loudly, with the reason in the test's name, so a green run without a browser is never mistaken for one.
 */
export function browserSuite(name: string, body: (rig: BrowserRig) => void): void {
  const missing = browserMissing()
  if (missing) {
    if (process.env.REQUIRE_BROWSER_TESTS === '1') {
      it(`${name} (${missing})`, () => {
        assert.fail(
          `REQUIRE_BROWSER_TESTS=1 but there is ${missing}: install it with "apt-get install chromium" or set CHROMIUM_PATH.`,
        )
      })
      return
    }
    console.error(
      `\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED: ${missing} (${name}).\n!! Install it with "apt-get install chromium" or set CHROMIUM_PATH; ` +
        `REQUIRE_BROWSER_TESTS=1 makes this a failure.\n${'!'.repeat(78)}\n`,
    )
    it(`${name} — BROWSER TESTS SKIPPED: ${missing}`, { skip: `BROWSER TESTS SKIPPED: ${missing}` }, () => {})
    return
  }
  describe(name, () => {
    const rig = new BrowserRig()
    before(() => rig.start(), { timeout: 120_000 })
    after(() => rig.stop())
    body(rig)
  })
}

/**
 * The database the journeys' app runs on: PostgreSQL when TEST_DATABASE_URL is set (CI), as a deployment would, and
 * otherwise PGlite, so `npm test` needs nothing but Chromium. PGlite in WebAssembly, in the same process as the app
 * and the test, took about half of a journey file's Node CPU (docs/adr/0007-test-speed.md); the features' integration
 * tests still run their routes on both. BROWSER_DATABASE=pglite keeps PGlite when PostgreSQL is there.
 */
export function browserDatabase(): DatabaseKind {
  return process.env.TEST_DATABASE_URL && process.env.BROWSER_DATABASE !== 'pglite' ? 'postgres' : 'pglite'
}

/** One app and one Chromium per test file; a fresh browser context (no cookies) per journey. */
export class BrowserRig {
  app: TestApp | null = null
  browser: Browser | null = null
  baseUrl = ''
  private readonly visitors: Visitor[] = []

  async start(): Promise<void> {
    this.app = await startTestApp(browserDatabase())
    await this.app.app.listen({ host: '127.0.0.1', port: 0 })
    const address = this.app.app.server.address()
    assert.ok(address && typeof address === 'object', 'the app is not listening')
    this.baseUrl = `http://127.0.0.1:${address.port}`
    this.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 })
  }

  async stop(): Promise<void> {
    for (const visitor of this.visitors) await visitor.context.close().catch(() => {})
    await this.browser?.close()
    await this.app?.close()
  }

  /**
   * A new visitor whose browser asks for `browserLanguage` first (Accept-Language); `phoneWithoutJavaScript` makes
   * it a 375×667 screen with JavaScript off. Call `done()` at the end of the journey: it checks that every page the
   * journey loaded was checked.
   */
  async visitor(browserLanguage: Language, options: { phoneWithoutJavaScript?: boolean } = {}): Promise<Visitor> {
    assert.ok(this.browser, 'the browser has not started')
    // A phone-sized screen with JavaScript turned off: the pages must work without either (issue 6 "how it will be checked").
    const phone = options.phoneWithoutJavaScript ? { viewport: { width: 375, height: 667 }, javaScriptEnabled: false } : {}
    const locale = browserLanguage === 'cy' ? 'cy-GB' : 'en-GB'
    const context = await this.browser.newContext({ locale, ...phone })
    // axe cannot run where JavaScript is off (its timers never fire): it checks the same HTML in a second page, alike but with JavaScript on.
    const axePage = options.phoneWithoutJavaScript ? await (await this.browser.newContext({ locale, viewport: phone.viewport })).newPage() : null
    const visitor = new Visitor(context, await context.newPage(), this.baseUrl, axePage)
    await visitor.install()
    this.visitors.push(visitor)
    return visitor
  }
}

interface Expect {
  /** The HTTP status the page is expected to answer with (after redirects). */
  status?: number
}

/** The page object: every way of reaching a page (visit, click, submit) ends in `check()`. */
export class Visitor {
  /** Problems seen since the last check: console errors, uncaught exceptions, off-site requests. */
  private consoleErrors: string[] = []
  private offSite: string[] = []
  private lastDocument: Response | null = null
  private loads = 0
  private checked = 0
  /** Print axe's findings to stderr as well as failing (off only in the harness's own tests of failure). */
  printViolations = true

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
    /** Where axe checks the pages of a visitor with JavaScript off (null: in `page` itself). */
    readonly axePage: Page | null = null,
  ) {}

  async install(): Promise<void> {
    const origin = new URL(this.baseUrl).origin
    // Nothing may leave the machine: fonts, scripts, styles and images all come from the service itself. Every request
    // is seen here, and one to another site by name cannot leave: Chromium resolves no host names (`chromiumArgs`).
    // Watched, not routed: routing every request through Playwright turns off the browser's cache and adds a round
    // trip to each.
    this.context.on('request', (request) => {
      const url = new URL(request.url())
      if (url.protocol.startsWith('http') && url.origin !== origin) this.offSite.push(`${request.resourceType()} ${url}`)
    })
    this.page.setDefaultTimeout(15_000)
    this.page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(`${message.text()} (${message.location().url})`)
    })
    this.page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`))
    this.page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.frame() === this.page.mainFrame())
        this.lastDocument = response
    })
    this.page.on('load', () => this.loads++)
  }

  /** The language the page says it is in (`<html lang>`). */
  lang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang')
  }

  path(): string {
    const url = new URL(this.page.url())
    return url.pathname + url.search
  }

  async heading(): Promise<string> {
    return (await this.page.locator('h1').first().innerText()).trim()
  }

  /** Goes to a path by typing it in the address bar. */
  async visit(path: string, expect: Expect = {}): Promise<void> {
    await this.page.goto(this.baseUrl + path)
    await this.check(expect)
  }

  /** Does something that loads a new page (following a link, sending a form), then checks that page. */
  async navigate(action: () => Promise<unknown>, expect: Expect = {}): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), action()])
    await this.check(expect)
  }

  clickLink(name: string | RegExp, expect: Expect = {}, within?: Locator): Promise<void> {
    return this.navigate(
      () => (within ?? this.page).getByRole('link', { name, exact: typeof name === 'string' }).click(),
      expect,
    )
  }

  clickButton(name: string | RegExp, expect: Expect = {}, within?: Locator): Promise<void> {
    return this.navigate(
      () => (within ?? this.page).getByRole('button', { name, exact: typeof name === 'string' }).click(),
      expect,
    )
  }

  /** Types into fields found by their visible label, as a person would. */
  async fill(fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await this.page.getByLabel(label, { exact: true }).fill(value)
  }

  /**
   * Switches language with the toggle on the page and checks that `<html lang>` and the visible texts changed.
   * Returns nothing; the page in the new language has been checked like any other.
   */
  async switchLanguage(to: Language): Promise<void> {
    const from = await this.lang()
    assert.notEqual(from, to, `the page is already in ${to}`)
    const before = { heading: await this.heading(), skip: await this.page.locator('.govuk-skip-link').textContent() }
    const status = this.lastDocument?.status() ?? 200
    const toggle = this.page
      .locator('.govuk-language-navigation')
      .getByRole('link', { name: to === 'cy' ? 'Cymraeg' : 'English', exact: true })
    assert.equal(await toggle.getAttribute('lang'), to, 'the language link should say which language it leads to')
    await this.navigate(() => toggle.click(), { status })
    assert.equal(await this.lang(), to, '<html lang> did not change with the language toggle')
    assert.notEqual(await this.heading(), before.heading, 'the page heading did not change with the language')
    assert.equal((await this.page.locator('.govuk-skip-link').textContent())?.trim(), text(to, 'common.skipLink'))
    assert.notEqual(before.skip?.trim(), text(to, 'common.skipLink'))
    // The toggle now marks the chosen language as current.
    assert.equal(await this.page.locator('.govuk-language-navigation [aria-current="true"]').getAttribute('lang'), to)
  }

  /**
   * Checks the page now loaded: its status, axe (WCAG 2.1 A and AA, 2.2 AA) with no violations, no console errors (a
   * refused script or style under the Content-Security-Policy is one), and no request to another site.
   */
  async check(expect: Expect = {}): Promise<void> {
    const wanted = expect.status ?? 200
    const doc = this.lastDocument
    assert.ok(doc, `no page was loaded (at ${this.page.url()})`)
    assert.equal(doc.status(), wanted, `${this.path()} answered ${doc.status()}, expected ${wanted}`)
    assert.ok(await this.page.locator('html').getAttribute('lang'), `${this.path()} has no <html lang>`)

    const offSite = this.offSite
    this.offSite = []
    assert.deepEqual(offSite, [], `requests to other sites from ${this.path()}:\n  ${offSite.join('\n  ')}`)
    // Chromium reports a page that answered 4xx as "Failed to load resource"; that one is expected, nothing else.
    const expected = `Failed to load resource: the server responded with a status of ${wanted}`
    const errors = this.consoleErrors.filter(
      (e) => !(wanted >= 400 && e.startsWith(expected) && e.includes(`(${doc.url()})`)),
    )
    this.consoleErrors = []
    assert.deepEqual(errors, [], `console errors on ${this.path()}:\n  ${errors.join('\n  ')}`)

    const results = await axeResults(this.axePage ? await this.sameHtmlIn(this.axePage, doc) : this.page)
    if (results.violations.length > 0) {
      const report = results.violations
        .map(
          (v) =>
            `  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${v.nodes.map((n) => `      at ${JSON.stringify(n.target)}: ${n.failureSummary?.replaceAll('\n', ' ')}`).join('\n')}`,
        )
        .join('\n')
      if (this.printViolations)
        console.error(`axe found ${results.violations.length} accessibility violation(s) on ${this.path()}:\n${report}`)
      assert.fail(`axe: ${results.violations.length} accessibility violation(s) on ${this.path()}:\n${report}`)
    }
    this.checked = this.loads
  }

  /** Loads the HTML this visitor was sent, at the same address, into `axePage`, with the page's scripts left out as they were here. */
  private async sameHtmlIn(axePage: Page, doc: Response): Promise<Page> {
    const url = doc.url()
    const html = await doc.text()
    await axePage.unrouteAll()
    await axePage.route('**/*', async (route) => {
      const request = route.request()
      if (request.resourceType() === 'script') await route.abort('blockedbyclient')
      else if (request.isNavigationRequest() && request.url() === url) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      else await route.continue()
    })
    await axePage.goto(url)
    return axePage
  }

  /** The end of a journey: no page went unchecked, and nothing happened after the last check. */
  async done(): Promise<void> {
    assert.equal(this.checked, this.loads, 'a page was loaded without being checked')
    assert.deepEqual(this.consoleErrors, [], 'console errors after the last check')
    assert.deepEqual(this.offSite, [], 'requests to other sites after the last check')
    await this.context.close()
    await this.axePage?.context().close()
  }

  /** Signs in from the sign-in page, already open, in the page's language. */
  async signIn(who: string, lang: Language, password = TEST_PASSWORD, expect: Expect = {}): Promise<void> {
    await this.fill({
      [text(lang, 'auth.signIn.email')]: demoEmail(who),
      [text(lang, 'auth.signIn.password')]: password,
    })
    await this.clickButton(text(lang, 'auth.signIn.submit'), expect, this.page.locator('main'))
  }

  /** Opens the sign-in page in `lang`, switching to it with the toggle, and signs in. */
  async signInAs(who: string, lang: Language): Promise<void> {
    await this.visit('/sign-in')
    if ((await this.lang()) !== lang) await this.switchLanguage(lang)
    await this.signIn(who, lang)
    assert.equal(new URL(this.page.url()).pathname, '/home')
  }
}
