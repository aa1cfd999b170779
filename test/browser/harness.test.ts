import assert from 'node:assert/strict'
import { it } from 'node:test'
import { browserSuite } from './support.js'

/**
 * The checks every journey relies on must bite: a page with an accessibility fault, a script refused by the
 * Content-Security-Policy, or a font from another site fails `check()`. The faulty pages are made up in the
 * browser (Playwright answers for the server), so the service itself is never changed for the test.
 */
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'"
const page = (body: string, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><title>Test page</title>${head}</head><body><main><h1>Test page</h1>${body}</main></body></html>`

browserSuite('browser test harness', (rig) => {
  it('passes a plain page of the service', async () => {
    const v = await rig.visitor('en')
    await v.visit('/')
    await v.done()
  })

  it('fails a page with an accessibility violation, naming the axe rule', async () => {
    const v = await rig.visitor('en')
    v.printViolations = false
    await v.context.route('**/harness/a11y', (route) =>
      route.fulfill({ contentType: 'text/html', body: page('<img src="/assets/favicon.svg"><input type="text">') }),
    )
    await assert.rejects(v.visit('/harness/a11y'), /axe: .*violation[\s\S]*image-alt[\s\S]*label/)
    await v.context.close()
  })

  it('fails a page whose inline script the Content-Security-Policy refuses', async () => {
    const v = await rig.visitor('en')
    await v.context.route('**/harness/csp', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'content-security-policy': csp },
        body: page('<script>document.title = "ran"</script>'),
      }),
    )
    await assert.rejects(v.visit('/harness/csp'), /console errors[\s\S]*Content Security Policy/)
    await v.context.close()
  })

  it('fails a page that loads a font or a script from another site, and never lets the request out', async () => {
    const v = await rig.visitor('en')
    const head =
      '<style>@font-face { font-family: X; src: url(https://fonts.example.org/x.woff2) } body { font-family: X }</style>'
    await v.context.route('**/harness/off-site', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: page('<p>Text</p><script src="https://cdn.example.org/x.js"></script>', head),
      }),
    )
    await assert.rejects(
      v.visit('/harness/off-site'),
      /requests to other sites[\s\S]*script https:\/\/cdn\.example\.org\/x\.js/,
    )
    await v.context.close()
  })

  it('fails a page that answers with a status the journey did not expect', async () => {
    const v = await rig.visitor('en')
    await assert.rejects(v.visit('/no-such-page'), /answered 404, expected 200/)
    await v.context.close()
  })
})
