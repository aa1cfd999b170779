import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { SynthReport } from '../src/features/synth/run.js'
import type { BenchOptions } from './args.js'
import type { DataCounts } from './fixtures.js'
import type { PageWeight } from './page-weight.js'
import type { ScenarioResult } from './scenarios.js'
import type { TargetOutcome } from './targets.js'

/** The results file of one run (bench/results/README.md describes it) and the Markdown table printed from it. */
export interface BenchResults {
  version: 1
  startedAt: string
  finishedAt: string
  machine: {
    cpu: string
    cores: number
    memoryMb: number
    os: string
    node: string
    database: string
    databaseVersion: string
  }
  git: { commit: string; dirty: boolean }
  options: Omit<BenchOptions, 'markdown' | 'databaseUrl'> & { database: string }
  data: { reused: boolean; synth: SynthReport; before: DataCounts; after: DataCounts }
  scenarios: ScenarioResult[]
  pageWeight: PageWeight[]
  /** `byScenario`: each scenario's own highest, and `start`, the server's before the first (older files lack it). */
  memory: { maxRssMb: number | null; samples: number; byScenario?: Record<string, number | null> }
  targets: TargetOutcome[]
}

export function machine(database: string, databaseVersion: string): BenchResults['machine'] {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database,
    databaseVersion,
  }
}

export function gitState(): BenchResults['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''
    return { commit, dirty }
  } catch {
    return { commit: 'unknown', dirty: false }
  }
}

export function resultsFile(dir: string, date: string, db: string, size: string): string {
  return path.join(dir, `${date.slice(0, 10)}-${db}-${size}.json`)
}

export function writeResults(file: string, results: BenchResults): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
}

export function readResults(file: string): BenchResults {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults
}

const ms = (n: number | undefined) =>
  n === undefined ? '' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-GB')
const kb = (n: number) => (n / 1024).toFixed(1)

/** The summary in Markdown: the machine, the scenarios, the page weights and the targets. */
export function markdown(r: BenchResults): string {
  const m = r.machine
  const lines = [
    `**${r.options.database}, ${r.options.size}** (${r.options.episodes.toLocaleString('en-GB')} episodes, ${r.options.services.toLocaleString('en-GB')} services, seed ${r.options.seed}) — ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${r.git.commit.slice(0, 7)}${r.git.dirty ? ' (with changes)' : ''}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${Math.round(m.memoryMb / 1024)} GB; ${m.os}; Node ${m.node}; ${m.databaseVersion}. ${r.options.connections} connections, ${r.options.requests} requests per read scenario after ${r.options.warmup} warm-up, ${r.options.writes} per write scenario.`,
    '',
    '| Scenario | Median ms | p95 ms | Mean ms | Requests/s | Errors | Floor p95 ms | Route / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const s of r.scenarios) {
    if (s.name === 'page-weight' || s.name === 'server-memory') continue
    if (s.skipped) {
      lines.push(`| ${s.title} | skipped: ${s.skipped} | | | | | | |`)
      continue
    }
    const l = s.load ?? s.samples
    const rps = s.load ? s.load.requestsPerSecond.toLocaleString('en-GB') : '—'
    const errors = s.load ? String(s.load.errors) : String(s.problems.length)
    lines.push(
      `| ${s.title}${s.failed ? ' **(failed)**' : ''} | ${ms(l?.medianMs)} | ${ms(l?.p95Ms)} | ${ms(l?.meanMs)} | ${rps} | ${errors} | ${ms(s.floor?.p95Ms)} | ${s.floorRatio === undefined ? '' : `${s.floorRatio.toFixed(1)}×`} |`,
    )
  }
  const concurrent = r.scenarios.filter((s) => s.floorConcurrent)
  if (concurrent.length)
    lines.push(
      '',
      `Floors with ${r.options.connections} callers at once (the raw query under the route's concurrency): ${concurrent.map((s) => `${s.title} p95 ${ms(s.floorConcurrent?.p95Ms)} ms, route / that floor ${s.floorConcurrentRatio?.toFixed(1) ?? '—'}×`).join('; ')}.`,
    )
  const byScenario = Object.entries(r.memory.byScenario ?? {})
  lines.push(
    '',
    `Server resident memory, highest under load: ${r.memory.maxRssMb ?? 'not measured'} MB${byScenario.length ? ` (by scenario: ${byScenario.map(([name, mb]) => `${name} ${mb ?? '—'}`).join(', ')})` : ''}.`,
    '',
  )
  if (r.pageWeight.length) {
    // Transferred: what the service sent a browser accepting br and gzip (HTML alone, and the page with what it
    // loads, uncached); files from before it was measured show a dash.
    const sent = (n: number | undefined) => (n === undefined ? '—' : kb(n))
    lines.push(
      '| Page | HTML kB | CSS kB | JS kB | Fonts kB | Images kB | Total kB | Total gzipped kB | HTML transferred kB | Total transferred kB |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const p of r.pageWeight)
      lines.push(
        `| ${p.page} | ${kb(p.bytes.html.raw)} | ${kb(p.bytes.css.raw)} | ${kb(p.bytes.js.raw)} | ${kb(p.bytes.font.raw)} | ${kb(p.bytes.image.raw)} | ${kb(p.total.raw)} | ${kb(p.total.gzip)} | ${sent(p.bytes.html.transferred)} | ${sent(p.total.transferred)} |`,
      )
    lines.push('')
  }
  lines.push('| Target | Result | Met |', '| --- | ---: | :---: |')
  for (const t of r.targets)
    lines.push(
      `| ${t.text} | ${t.actual === null ? '—' : t.metric === 'floorRatio' ? `${t.actual.toFixed(1)}×` : t.actual.toLocaleString('en-GB')} | ${t.met === null ? 'not run' : t.met ? 'yes' : '**no**'} |`,
    )
  return lines.join('\n')
}
