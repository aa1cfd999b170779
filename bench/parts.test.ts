import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BenchUsageError, parseBenchArgs } from './args.js'
import { assetReferences, htmlReferences, kindOf } from './page-weight.js'
import { reportYear } from './scenarios.js'
import { latency, percentile } from './stats.js'
import { judge, TARGETS } from './targets.js'

describe('bench arguments', () => {
  it('defaults to the small size on PostgreSQL at BENCH_DATABASE_URL or the default database of its size', () => {
    const o = parseBenchArgs([], {})
    assert.equal(o.size, 'small')
    assert.equal(o.episodes, 10_000)
    assert.equal(o.services, 2_500)
    assert.equal(o.db, 'postgres')
    // A database of its own per size: a small run never drops the full-size one.
    assert.equal(o.databaseUrl, 'postgres://postgres@127.0.0.1:5432/cyswllt_bench_small')
    assert.equal(parseBenchArgs(['--size', 'full'], {}).databaseUrl, 'postgres://postgres@127.0.0.1:5432/cyswllt_bench_full')
    assert.equal(parseBenchArgs(['--episodes', '50', '--services', '20'], {}).databaseUrl, 'postgres://postgres@127.0.0.1:5432/cyswllt_bench_50_20')
    assert.equal(parseBenchArgs([], { BENCH_DATABASE_URL: 'postgres://x/y' }).databaseUrl, 'postgres://x/y')
  })
  it('reads the full size, PGlite, scenarios and --fresh; explicit counts make a custom size', () => {
    const o = parseBenchArgs(['--size', 'full', '--db=pglite', '--scenario', 'caseload, person', '--fresh'], {})
    assert.deepEqual(
      [o.size, o.episodes, o.services, o.db, o.databaseUrl, o.fresh],
      ['full', 1_000_000, 25_000, 'pglite', undefined, true],
    )
    assert.deepEqual(o.scenarios, ['caseload', 'person'])
    const c = parseBenchArgs(['--episodes', '50', '--services', '20'], {})
    assert.deepEqual([c.size, c.episodes, c.services], ['custom', 50, 20])
    assert.equal(c.rate, undefined, 'the paced scenarios keep their own rate unless --rate is given')
    assert.equal(parseBenchArgs(['--rate', '5'], {}).rate, 5)
    assert.throws(() => parseBenchArgs(['--rate', '0'], {}), /--rate must be a whole number of at least 1/)
  })
  it('refuses what it does not know, saying what is wrong', () => {
    assert.throws(() => parseBenchArgs(['--size', 'huge'], {}), BenchUsageError)
    assert.throws(() => parseBenchArgs(['--db', 'mysql'], {}), /--db must be pglite or postgres/)
    assert.throws(() => parseBenchArgs(['--requests', '0'], {}), /--requests must be a whole number/)
    assert.throws(() => parseBenchArgs(['--speed', '9'], {}), /Unknown option --speed/)
    assert.throws(() => parseBenchArgs(['--requests'], {}), /needs a value/)
  })
})

describe('bench statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i)
    assert.equal(percentile(values, 50), 50)
    assert.equal(percentile(values, 95), 95)
    assert.equal(percentile([7], 95), 7)
    assert.equal(percentile([], 95), 0)
    assert.deepEqual(latency([1, 2, 3, 4]), { n: 4, medianMs: 2, p95Ms: 4, meanMs: 2.5, maxMs: 4 })
  })
  it('judges each target against its bound, and leaves a target whose scenario did not run undecided', () => {
    const outcomes = judge({
      caseload: { p95Ms: 49 },
      'oruk-services': { requestsPerSecond: 1400 },
      'server-memory': { maxRssMb: 300 },
    })
    const find = (scenario: string) => outcomes.find((t) => t.scenario === scenario)
    assert.equal(find('caseload')?.met, true)
    assert.equal(find('oruk-services')?.met, false)
    assert.equal(find('server-memory')?.met, true)
    assert.equal(find('person-busy-hour')?.met, null)
    assert.equal(outcomes.length, TARGETS.length)
  })
  it('reports on the last year of the data', () => {
    assert.deepEqual(reportYear('2026-11-30'), { from: '2025-12-01', to: '2026-11-30' })
  })
})

describe('page weight parsing', () => {
  it('finds stylesheets, scripts and images in a page, not links or icons', () => {
    const html = `<link rel="stylesheet" href="/assets/app.css"><link rel="icon" href="/favicon.ico"><script src="/assets/app.js" nonce="x"></script>
      <script type="module" src="/assets/init.mjs"></script><img alt="" src="/assets/logo.png"><img src="data:image/png;base64,AA"><a href="/x.css">x</a>`
    assert.deepEqual(htmlReferences(html), [
      '/assets/app.css',
      '/assets/app.js',
      '/assets/init.mjs',
      '/assets/logo.png',
    ])
  })
  it('follows what stylesheets and modules load, and sorts files by kind', () => {
    assert.deepEqual(
      assetReferences(
        'css',
        `@font-face{src:url("/f/a.woff2") format("woff2"),url(/f/a.woff)} .x{background:url('i.svg#x')} .y{background:url(data:image/png;base64,AA)}`,
      ),
      ['/f/a.woff2', '/f/a.woff', 'i.svg#x'],
    )
    assert.deepEqual(assetReferences('js', `import { a } from './govuk.mjs'; import('./lazy.js')`), [
      './govuk.mjs',
      './lazy.js',
    ])
    assert.deepEqual(['/a.css', '/b.mjs', '/c.woff2?v=1', '/d.svg', '/e'].map(kindOf), [
      'css',
      'js',
      'font',
      'image',
      'other',
    ])
  })
})
