import { loadFullDemo } from './features/demo/load-all.js'
import { buildApp } from './app.js'
import { prewarmReports } from './features/reports/engine/prewarm.js'
import { ConfigError, loadConfig } from './platform/config.js'
import { openDatabase } from './platform/db/database.js'
import { migrate } from './platform/db/migrate.js'
import { createLogger } from './platform/logger.js'

/** The composition root: configuration, database, migrations, demo data, then the HTTP server. */
async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(78)
    }
    throw error
  }
  const logger = createLogger(config)
  const database = await openDatabase(config)
  const applied = await migrate(database)
  logger.info({ event: 'migrations.applied', count: applied.length, database: database.kind }, 'database ready')

  if (config.demoData) {
    const demo = await loadFullDemo(database.db, config.demoPassword, ({ event, count, message }) => logger.info({ event, count }, message))
    if (demo.generatedPassword) {
      // Printed once, to the terminal only (not the JSON log): it is a credential.
      process.stdout.write(
        `\nDemo accounts (admin@, practitioner@, practitioner2@, teamlead@, referrer@, asset@, editor@, commissioner@demo.cyswllt.test)\n` +
          `share this password, shown only now: ${demo.generatedPassword}\nSet DEMO_PASSWORD to choose your own.\n\n`,
      )
    }
  }

  const app = await buildApp({ config, database, logger })
  await app.listen({ host: config.host, port: config.port })
  logger.info({ event: 'listening', url: `http://${config.host}:${config.port}` }, 'Cyswllt is listening')
  if (config.reportPrewarm) {
    // In the background: requests are served meanwhile, and a report asked for during it waits for the same build.
    prewarmReports(database.db).then(
      (outcome) => logger.info({ event: 'report_prewarm.done', ...outcome }, 'default reports built'),
      (error: unknown) =>
        logger.warn({ event: 'report_prewarm.failed', message: (error as Error).message }, 'building the default reports failed'),
    )
  }

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ event: 'shutdown', signal }, 'stopping: finishing requests in flight')
    const force = setTimeout(() => process.exit(1), 25_000)
    force.unref()
    try {
      await app.close()
      await database.close()
      logger.info({ event: 'shutdown.done' }, 'stopped')
      process.exit(0)
    } catch (error) {
      logger.error({ event: 'shutdown.failed', message: (error as Error).message }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((error: unknown) => {
  console.error('Cyswllt failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
