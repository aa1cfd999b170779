import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../platform/db/schema.js'
import { runSynth, SynthRefused } from '../features/synth/run.js'
import { CliError } from './commands.js'
import type { CliCommand } from './args.js'
import type { Output } from './run.js'

/** `synth`: runs the generator and returns the summary lines (progress goes to stderr as it happens). */
export async function runSynthCommand(
  db: Kysely<DB>,
  command: Extract<CliCommand, { command: 'synth' }>,
  env: Record<string, string | undefined>,
  stderr: Output,
): Promise<string[]> {
  const generated = !command.password && !env.DEMO_PASSWORD
  const password = command.password ?? env.DEMO_PASSWORD ?? randomBytes(12).toString('base64url')
  try {
    const report = await runSynth(db, { ...command, password }, (line) => stderr.write(`${line}\n`))
    const lines = [
      `Synthetic data (seed ${report.plan.seed}, ${report.plan.from} to ${report.plan.until}):`,
      ...report.stages.flatMap((s) => [
        `  ${s.stage}: ${s.total.toLocaleString('en-GB')} rows in ${s.seconds.toFixed(1)} s, ${s.rowsPerSecond.toLocaleString('en-GB')} rows/s`,
        ...Object.entries(s.rows).map(([table, n]) => `    ${table}: ${n.toLocaleString('en-GB')}`),
      ]),
      `  report aggregates rebuilt in ${report.refreshSeconds.toFixed(1)} s`,
      `Total: ${report.totalRows.toLocaleString('en-GB')} rows in ${report.totalSeconds.toFixed(1)} s (${Math.round(report.totalRows / report.totalSeconds).toLocaleString('en-GB')} rows/s).`,
      `Accounts: practitioner-1@synth.example … practitioner-${report.plan.practitioners}@synth.example, team-lead-1@synth.example, commissioner-1…8@synth.example (8 is all of Wales), referrer-1@synth.example, admin@synth.example.`,
    ]
    if (generated) lines.push(`Their password (shown once): ${password}`)
    return lines
  } catch (error) {
    if (error instanceof SynthRefused) throw new CliError(error.message, 2)
    throw error
  }
}
