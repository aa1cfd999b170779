import assert from 'node:assert/strict'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { buildStylesheet, preparePublicAssets, sameTime } from './assets.js'

describe('public assets', () => {
  it('keeps a brotli and a gzip version beside each text file, equal to it, dated as its source', async () => {
    const stylesheet = await buildStylesheet()
    const assets = preparePublicAssets(stylesheet)
    const css = path.join(assets.own, 'app.css')
    const source = readFileSync(stylesheet)
    assert.deepEqual(readFileSync(css), source)
    assert.deepEqual(brotliDecompressSync(readFileSync(`${css}.br`)), source)
    assert.deepEqual(gunzipSync(readFileSync(`${css}.gz`)), source)
    for (const file of [css, `${css}.br`, `${css}.gz`]) assert.ok(sameTime(statSync(file), statSync(stylesheet)), file)
    assert.ok(existsSync(path.join(assets.own, 'govuk-frontend.min.js.br')))
    assert.ok(existsSync(path.join(assets.govuk, 'images/govuk-crest.svg.br')))
    assert.ok(existsSync(path.join(assets.govuk, 'fonts/bold-b542beb274-v2.woff2')))
    assert.ok(!existsSync(path.join(assets.govuk, 'fonts/bold-b542beb274-v2.woff2.br')), 'fonts are compressed already')
    assert.ok(!existsSync(path.join(assets.own, 'init.mjs.br')), 'too small to gain')
  })

  it('keeps a copy dated a hair off its source as the same (the file system rounds through nanoseconds)', () => {
    assert.ok(sameTime({ mtimeMs: 1796456876375.999 }, { mtimeMs: 1796456876376 }))
    assert.ok(sameTime({ mtimeMs: 1796456876376 }, { mtimeMs: 1796456876376.4 }))
    assert.ok(!sameTime({ mtimeMs: 1796456876375 }, { mtimeMs: 1796456876376.4 }))
  })

  it('makes nothing again when nothing changed, and removes what is no longer served', async () => {
    const stylesheet = await buildStylesheet()
    const assets = preparePublicAssets(stylesheet)
    const compressed = path.join(assets.own, 'app.css.br')
    const made = statSync(compressed).ctimeMs
    const stray = path.join(assets.own, `removed-${process.pid}.js`)
    writeFileSync(stray, 'gone')
    preparePublicAssets(stylesheet)
    assert.equal(statSync(compressed).ctimeMs, made, 'not written again')
    assert.ok(!existsSync(stray))
  })
})
