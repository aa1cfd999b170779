import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import Fastify, { type LightMyRequestResponse } from 'fastify'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { chooseEncoding, installCompression, isCompressible } from './compression.js'

describe('choosing an encoding', () => {
  it('sends brotli or gzip only to a client that asks, preferring brotli on a tie', () => {
    assert.equal(chooseEncoding(undefined), null)
    assert.equal(chooseEncoding(''), null)
    assert.equal(chooseEncoding('identity'), null)
    assert.equal(chooseEncoding('deflate'), null)
    assert.equal(chooseEncoding('gzip'), 'gzip')
    assert.equal(chooseEncoding('gzip, deflate'), 'gzip')
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br')
    assert.equal(chooseEncoding('BR;Q=1, GZIP'), 'br')
    assert.equal(chooseEncoding('br;q=0.5, gzip'), 'gzip')
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), null)
    assert.equal(chooseEncoding('br;q=0'), null)
    assert.equal(chooseEncoding('*'), 'gzip')
    assert.equal(chooseEncoding('gzip;q=0, *'), null)
    assert.equal(chooseEncoding('br;q=nonsense, gzip;q=0.1'), 'gzip')
  })

  it('compresses text, JSON, XML and SVG, not images, fonts or spreadsheets', () => {
    for (const type of [
      'text/html; charset=utf-8',
      'text/csv; charset=utf-8',
      'application/json; charset=utf-8',
      'application/problem+json',
      'application/javascript',
      'image/svg+xml',
    ])
      assert.equal(isCompressible(type), true, type)
    for (const type of [
      undefined,
      'image/png',
      'font/woff2',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/pdf',
      'text/event-stream',
      'application/jsonx',
    ])
      assert.equal(isCompressible(type), false, String(type))
  })
})

describe('a body sent again', () => {
  it('is compressed from the same bytes each time (kept pages such as ORUK’s are compressed once)', async () => {
    const app = Fastify()
    installCompression(app)
    const kept = Buffer.from(
      JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Service ${i}` })) }),
    )
    app.get('/kept', (_request, reply) => reply.type('application/json; charset=utf-8').send(kept))
    const first = await app.inject({ url: '/kept', headers: { 'accept-encoding': 'br' } })
    const second = await app.inject({ url: '/kept', headers: { 'accept-encoding': 'br' } })
    const gzipped = await app.inject({ url: '/kept', headers: { 'accept-encoding': 'gzip' } })
    const plain = await app.inject('/kept')
    assert.equal(first.headers['content-encoding'], 'br')
    assert.deepEqual(brotliDecompressSync(first.rawPayload), kept)
    assert.deepEqual(second.rawPayload, first.rawPayload)
    assert.deepEqual(gunzipSync(gzipped.rawPayload), kept)
    assert.deepEqual(plain.rawPayload, kept)
    await app.close()
  })
})

/** The parts of a page that differ on every response: the CSP nonces and the masked CSRF token. */
const samePage = (html: string) =>
  html.replace(/nonce="[0-9a-f]{32}"/g, 'nonce=""').replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""')
const decoded = (r: LightMyRequestResponse) => {
  const encoding = r.headers['content-encoding']
  if (encoding === 'br') return brotliDecompressSync(r.rawPayload)
  if (encoding === 'gzip') return gunzipSync(r.rawPayload)
  return r.rawPayload
}

for (const kind of databaseKinds()) {
  describe(`compression of responses (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    it('sends a page gzipped or brotli-compressed to a browser that accepts it, and as before to one that does not', async () => {
      const browser = new Agent(t.app)
      const plain = await browser.get('/sign-in')
      assert.equal(plain.headers['content-encoding'], undefined)
      assert.equal(Number(plain.headers['content-length']), plain.rawPayload.length)
      assert.match(plain.body, /<form/)
      assert.equal(plain.headers.vary, 'accept-encoding')

      const gzipped = await browser.get('/sign-in', { 'accept-encoding': 'gzip, deflate' })
      assert.equal(gzipped.headers['content-encoding'], 'gzip')
      assert.equal(gzipped.headers.vary, 'accept-encoding')
      assert.equal(gzipped.headers['content-type'], 'text/html; charset=utf-8')
      assert.equal(Number(gzipped.headers['content-length']), gzipped.rawPayload.length)
      assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 2)
      assert.equal(samePage(gunzipSync(gzipped.rawPayload).toString('utf8')), samePage(plain.body))

      const brotli = await browser.get('/sign-in', { 'accept-encoding': 'gzip, deflate, br' })
      assert.equal(brotli.headers['content-encoding'], 'br')
      assert.equal(samePage(brotliDecompressSync(brotli.rawPayload).toString('utf8')), samePage(plain.body))
    })

    it('answers HEAD with the headers GET would send, and no body', async () => {
      const head = await t.app.inject({ method: 'HEAD', url: '/sign-in', headers: { 'accept-encoding': 'br' } })
      assert.equal(head.statusCode, 200)
      assert.equal(head.headers['content-encoding'], 'br')
      assert.equal(head.rawPayload.length, 0)
    })

    it('leaves small responses alone', async () => {
      const health = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } })
      assert.equal(health.headers['content-encoding'], undefined)
      assert.equal(health.headers.vary, undefined)
      assert.deepEqual(health.json(), { status: 'ok' })
    })

    it('takes a form posted from a compressed page: the CSRF token is masked afresh on every response', async () => {
      const browser = new Agent(t.app)
      const tokenOf = (r: LightMyRequestResponse) =>
        /name="_csrf" value="([^"]+)"/.exec(decoded(r).toString('utf8'))?.[1] ?? ''
      const first = await browser.get('/sign-in', { 'accept-encoding': 'br, gzip' })
      const second = await browser.get('/sign-in', { 'accept-encoding': 'br, gzip' })
      assert.equal(first.headers['content-encoding'], 'br')
      const [one, two] = [tokenOf(first), tokenOf(second)]
      assert.match(one, /^[\w-]{86}$/)
      assert.notEqual(one, two, 'the same token never appears twice')
      const form = { email: 'practitioner@demo.cyswllt.test', password: 'demo-password-for-tests' }
      browser.csrf = one
      assert.equal((await browser.submit('/sign-in', form)).statusCode, 303, 'an older page’s token still works')
      const page = await browser.get('/home', { 'accept-encoding': 'gzip' })
      assert.equal(page.headers['content-encoding'], 'gzip')
      browser.csrf = tokenOf(page)
      assert.equal((await browser.submit('/sign-out', {})).statusCode, 303)
    })

    it('refuses a token that is not this browser’s, or not masked', async () => {
      const browser = new Agent(t.app)
      const other = new Agent(t.app)
      await browser.get('/sign-in')
      await other.get('/sign-in')
      const form = { email: 'practitioner@demo.cyswllt.test', password: 'wrong' }
      for (const csrf of [other.csrf, browser.csrf.slice(0, 43), `${browser.csrf.slice(0, 85)}!`, ''])
        assert.equal((await browser.submit('/sign-in', { ...form, _csrf: csrf })).statusCode, 403, csrf)
      assert.equal((await browser.submit('/sign-in', form)).statusCode, 401, 'its own token passes the check')
    })

    it('compresses a CSV download, and sends a spreadsheet as it is', async () => {
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      const plain = await commissioner.get('/reports/rba.csv')
      assert.equal(plain.statusCode, 200)
      assert.ok(plain.rawPayload.length > 1400, `${plain.rawPayload.length} bytes: large enough to compress`)
      const gzipped = await commissioner.get('/reports/rba.csv', { 'accept-encoding': 'gzip' })
      assert.equal(gzipped.headers['content-encoding'], 'gzip')
      assert.match(String(gzipped.headers['content-disposition']), /^attachment; filename="cyswllt-rba-.*\.csv"$/)
      assert.equal(gzipped.headers['cache-control'], 'no-store')
      assert.equal(gunzipSync(gzipped.rawPayload).toString('utf8'), plain.body)

      const xlsx = await commissioner.get('/reports/rba.xlsx', { 'accept-encoding': 'br, gzip' })
      assert.equal(xlsx.statusCode, 200)
      assert.equal(xlsx.headers['content-encoding'], undefined)
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'a zip file, as sent')
    })

    it('never compresses a page that shows a secret once', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get('/account/api-tokens')
      const created = await t.app.inject({
        method: 'POST',
        url: '/account/api-tokens',
        headers: {
          cookie: `cyswllt_session=${agent.cookie('cyswllt_session')}; cyswllt_csrf=${agent.cookie('cyswllt_csrf')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'accept-encoding': 'br, gzip',
        },
        payload: new URLSearchParams({ _csrf: agent.csrf, name: 'Compression test', days: '30' }).toString(),
      })
      assert.equal(created.statusCode, 200)
      assert.equal(created.headers['cache-control'], 'no-store')
      assert.equal(created.headers['content-encoding'], undefined)
      assert.match(created.body, /cys_[A-Za-z0-9_-]{43}/)
    })

    it('sends the stylesheet precompressed, with its type, caching and a validator per encoding', async () => {
      const get = (encoding?: string, extra: Record<string, string> = {}) =>
        t.app.inject({
          url: '/assets/app.css',
          headers: { ...(encoding ? { 'accept-encoding': encoding } : {}), ...extra },
        })
      const plain = await get()
      const brotli = await get('gzip, deflate, br')
      const gzipped = await get('gzip')
      for (const [response, encoding] of [
        [plain, undefined],
        [brotli, 'br'],
        [gzipped, 'gzip'],
      ] as const) {
        assert.equal(response.statusCode, 200)
        assert.equal(response.headers['content-encoding'], encoding)
        assert.equal(response.headers['content-type'], 'text/css; charset=utf-8')
        assert.equal(response.headers['cache-control'], 'public, max-age=3600')
        assert.match(String(response.headers.vary), /accept-encoding/i)
        assert.deepEqual(decoded(response), plain.rawPayload)
      }
      assert.ok(
        brotli.rawPayload.length < plain.rawPayload.length / 5,
        `${brotli.rawPayload.length} of ${plain.rawPayload.length}`,
      )
      assert.equal(new Set([plain, brotli, gzipped].map((r) => r.headers.etag)).size, 3, 'each version its own ETag')

      const again = await get('br', { 'if-none-match': String(brotli.headers.etag) })
      assert.equal(again.statusCode, 304)
      const head = await t.app.inject({ method: 'HEAD', url: '/assets/app.css', headers: { 'accept-encoding': 'br' } })
      assert.equal(head.statusCode, 200)
      assert.equal(head.headers['content-encoding'], 'br')
      assert.equal(Number(head.headers['content-length']), brotli.rawPayload.length)
    })

    it('sends GOV.UK Frontend’s script and crest precompressed, and its fonts as they are', async () => {
      const script = await t.app.inject({ url: '/assets/govuk-frontend.min.js', headers: { 'accept-encoding': 'br' } })
      assert.equal(script.headers['content-encoding'], 'br')
      assert.match(String(script.headers['content-type']), /javascript/)
      assert.equal(script.headers['cache-control'], 'public, max-age=604800')
      assert.match(brotliDecompressSync(script.rawPayload).toString('utf8'), /initAll/)
      const crest = await t.app.inject({
        url: '/assets/govuk/images/govuk-crest.svg',
        headers: { 'accept-encoding': 'gzip' },
      })
      assert.equal(crest.headers['content-encoding'], 'gzip')
      assert.equal(crest.headers['content-type'], 'image/svg+xml')
      const font = await t.app.inject({
        url: '/assets/govuk/fonts/bold-b542beb274-v2.woff2',
        headers: { 'accept-encoding': 'br, gzip' },
      })
      assert.equal(font.statusCode, 200)
      assert.equal(font.headers['content-encoding'], undefined)
      const small = await t.app.inject({ url: '/assets/init.mjs', headers: { 'accept-encoding': 'br, gzip' } })
      assert.equal(small.statusCode, 200)
      assert.equal(small.headers['content-encoding'], undefined)
      assert.match(small.body, /initAll/)
    })
  })
}
