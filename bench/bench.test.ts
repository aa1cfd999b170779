import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { parseBenchArgs } from './args.js'
import { markdown, type BenchResults } from './report.js'
import { runBench } from './run.js'
import { scenarioNames } from './scenarios.js'

/**
 * A smoke run of the whole bench at a tiny size on PGlite in a temporary folder: every scenario must be in the
 * results file, with numbers and without errors. It checks that the bench works, not how fast anything is: no
 * timing is asserted (issue 9: benchmarks measure speed, tests check correctness).
 */
describe('npm run bench (smoke run, tiny size, PGlite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cyswllt-bench-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('runs every scenario and writes a results file with numbers and no errors', async () => {
    const options = parseBenchArgs(
      [
        '--db',
        'pglite',
        '--episodes',
        '50',
        '--services',
        '20',
        '--requests',
        '10',
        '--writes',
        '10',
        '--warmup',
        '2',
        '--connections',
        '2',
        '--cold',
        '1',
        '--floor-runs',
        '2',
        '--data-dir',
        path.join(dir, 'data'),
        '--results-dir',
        path.join(dir, 'results'),
      ],
      {},
    )
    const lines: string[] = []
    const { file } = await runBench(options, (line) => lines.push(line))
    assert.ok(existsSync(file), 'the results file is written')
    const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
    assert.equal(path.basename(file), `${results.startedAt.slice(0, 10)}-pglite-custom.json`)
    assert.deepEqual(
      results.scenarios.map((s) => s.name).sort(),
      [...scenarioNames].sort(),
      'every scenario is reported',
    )
    for (const s of results.scenarios) {
      assert.equal(s.failed, false, `${s.name} did not fail: ${s.problems.join('; ')}`)
      // Only a scenario whose data the synthetic set does not have yet may be skipped (the people stage makes persons).
      if (s.skipped) {
        assert.ok(['person', 'person-busy-hour'].includes(s.name), `${s.name} ran (skipped: ${s.skipped})`)
        assert.equal(results.data.before.episodes, 0, 'the person page is measured whenever there are episodes')
        continue
      }
      const figures = s.load ?? s.samples
      if (s.name === 'page-weight' || s.name === 'server-memory') continue
      assert.ok(figures, `${s.name} has numbers`)
      for (const key of ['medianMs', 'p95Ms', 'meanMs'] as const)
        assert.ok(Number.isFinite(figures[key]) && figures[key] > 0, `${s.name} ${key}`)
      if (s.load) {
        assert.ok(s.load.requestsPerSecond > 0, `${s.name} requests/s`)
        assert.equal(s.load.errors, 0, `${s.name} errors`)
        // The warm reports send a tenth of --requests, but at least one per connection.
        assert.equal(s.load.n, s.name.startsWith('rba-') ? 2 : 10, `${s.name} made exactly the requests asked for`)
      }
    }
    for (const name of ['search-words', 'oruk-services', 'caseload', 'rba-wales-warm']) {
      const s = results.scenarios.find((r) => r.name === name)
      assert.ok(s?.floor && s.floor.p95Ms > 0 && s.floorRatio !== undefined, `${name} has a floor and a ratio`)
    }
    for (const name of ['self-referral-writes', 'api-referral-writes']) {
      const detail = results.scenarios.find((r) => r.name === name)?.detail ?? {}
      assert.ok(Number(detail.successfulWrites) >= 10, `${name} wrote`)
      assert.equal(detail.auditRowsWritten, detail.successfulWrites, `${name}: an audit row for every write`)
    }
    assert.ok(results.pageWeight.length >= 4, 'page weights of the main pages')
    for (const p of results.pageWeight)
      assert.ok(p.bytes.html.raw > 0 && p.bytes.css.raw > 0 && p.total.gzip > 0, `${p.page} has a weight`)
    // The service compresses what it sends: the stylesheet alone is 140 kB raw, under 20 kB as sent.
    for (const p of results.pageWeight)
      assert.ok(
        (p.bytes.css.transferred ?? 0) > 0 && (p.bytes.css.transferred ?? 0) < p.bytes.css.raw / 4,
        `${p.page} CSS sent compressed`,
      )
    if (process.platform === 'linux') assert.ok((results.memory.maxRssMb ?? 0) > 0, 'the server’s memory was sampled')
    if (process.platform === 'linux')
      for (const name of ['start', ...scenarioNames.filter((n) => n !== 'server-memory')])
        assert.ok((results.memory.byScenario?.[name] ?? 0) > 0, `the server’s memory during ${name} was sampled`)
    assert.ok(results.targets.length > 0 && results.targets.every((t) => t.met === null || typeof t.met === 'boolean'))
    assert.ok(
      results.machine.cores > 0 && results.git.commit.length > 0 && results.machine.databaseVersion.includes('PGlite'),
    )
    assert.match(markdown(results), /\| Directory search, words \|/)
  })
})
