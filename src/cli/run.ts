import { ConfigError, loadConfig } from '../platform/config.js'
import { type Database, openDatabase } from '../platform/db/database.js'
import { migrate } from '../platform/db/migrate.js'
import { parseCliArgs, usage } from './args.js'
import { CliError, createAdmin, createToken } from './commands.js'
import { refreshReportFacts } from '../features/reports/engine/refresh.js'
import { runSynthCommand } from './synth.js'
import { runCsvImport, runImport, runOrukImport, runPopulationImport } from './imports.js'

export interface Output {
  write(text: string): unknown
}

export interface CliIo {
  env: Record<string, string | undefined>
  stdout: Output
  stderr: Output
}

/** Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or unknown user, 78 configuration not valid. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 78 } as const

/**
 * Runs one CLI command and returns its exit code; never throws and never prints a stack trace. Everything it
 * needs comes in `io`, so tests call it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { stdout, stderr } = io
  const parsed = parseCliArgs(argv)
  if (!parsed.ok) {
    stderr.write(`cyswllt: ${parsed.message}\nRun "npm run cyswllt -- help" for the commands and options.\n`)
    return EXIT.usage
  }
  const command = parsed.value
  if (command.command === 'help') {
    stdout.write(`${usage}\n`)
    return EXIT.ok
  }

  let database: Database | null = null
  try {
    const config = loadConfig(io.env, 'cli')
    database = await openDatabase(config)
    const applied = await migrate(database)
    // Only `migrate` reports on stdout: `create-token` must print nothing there but the token.
    const report = command.command === 'migrate' ? stdout : stderr
    for (const m of applied) report.write(`Applied migration ${m.version}_${m.name}\n`)
    if (command.command === 'migrate') {
      if (applied.length === 0) stdout.write('No migrations to apply: the database is up to date.\n')
      return EXIT.ok
    }
    if (command.command === 'create-admin') {
      for (const line of await createAdmin(database.db, command)) stdout.write(`${line}\n`)
      return EXIT.ok
    }
    if (command.command === 'import-postcodes' || command.command === 'import-wimd') {
      for (const line of await runImport(database.db, command, stderr)) stdout.write(`${line}\n`)
      return EXIT.ok
    }
    if (command.command === 'import-oruk') {
      for (const line of await runOrukImport(database.db, command)) stdout.write(`${line}\n`)
      return EXIT.ok
    }
    if (command.command === 'import-csv') {
      for (const line of await runCsvImport(database.db, command)) stdout.write(`${line}\n`)
      return EXIT.ok
    }
    if (command.command === 'refresh-reports') {
      const outcome = await refreshReportFacts(database.db, {
        full: command.full,
        log: (line) => stderr.write(`${line}\n`),
      })
      stdout.write(`Refreshed the report aggregates of ${outcome.referrals} referrals in ${outcome.batches} batches.\n`)
      return EXIT.ok
    }
    if (command.command === 'import-population') {
      for (const line of await runPopulationImport(database.db, command)) stdout.write(`${line}\n`)
      return EXIT.ok
    }
    if (command.command === 'synth') {
      for (const line of await runSynthCommand(database.db, command, io.env, stderr)) stdout.write(`${line}\n`)
      return EXIT.ok
    }
    const token = await createToken(database.db, command)
    stdout.write(`${token}\n`)
    return EXIT.ok
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`${error.message}\n`)
      return EXIT.config
    }
    if (error instanceof CliError) {
      stderr.write(`cyswllt: ${error.message}\n`)
      return error.exitCode
    }
    stderr.write(`cyswllt: ${command.command} failed: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed
  } finally {
    await database?.close().catch(() => {})
  }
}
