import { buildApp } from './app.js'
import { loadDemoData } from './features/demo/demo-data.js'
import { loadDemoJourney } from './features/demo/demo-journey.js'
import { loadDemoReferrals } from './features/demo/demo-referrals.js'
import { loadDemoServices } from './features/directory/demo/load.js'
import { loadCaseStudyDemo } from './features/case-studies/demo.js'
import { loadClosingOutcomesDemo } from './features/episodes/closing-outcomes-demo.js'
import { loadServiceReturnDemo } from './features/service-returns/demo.js'
import { loadExperienceDemo } from './features/experience/demo.js'
import { loadInstrumentDemo } from './features/instruments/demo.js'
import { loadMeasureDemo } from './features/measures/demo.js'
import { loadDemoPostcodes } from './features/postcodes/demo.js'
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
    const demo = await loadDemoData(database.db, config.demoPassword)
    if (demo.created) logger.info({ event: 'demo_data.loaded' }, 'demo data loaded')
    if (await loadDemoPostcodes(database.db)) logger.info({ event: 'demo_data.postcodes_loaded' }, 'synthetic demo postcodes loaded')
    const services = await loadDemoServices(database.db)
    if (services) logger.info({ event: 'demo_data.services_loaded', count: services }, 'demo directory services loaded')
    const referrals = await loadDemoReferrals(database.db)
    if (referrals) logger.info({ event: 'demo_data.referrals_loaded', count: referrals }, 'demo referrals loaded')
    // Once only (it remembers in the audit log): people at every stage of the support journey (issue 5).
    const journey = await loadDemoJourney(database.db)
    if (journey) logger.info({ event: 'demo_data.journey_loaded', count: journey }, 'demo support journey loaded')
    // Issue 6: the demo providers' Warwick registration (so WEMWBS/SWEMWBS can be offered), measures at baseline and
    // follow-up for the journey's episodes, outcomes in the person's own words and experience survey replies, and anonymised case studies with a 'you said, we did' log.
    await loadInstrumentDemo(database.db)
    const measures = await loadMeasureDemo(database.db)
    if (measures) logger.info({ event: 'demo_data.measures_loaded', count: measures }, 'demo measures loaded')
    const voice = await loadExperienceDemo(database.db)
    if (voice) logger.info({ event: 'demo_data.experience_loaded', count: voice }, 'demo outcomes in own words and survey replies loaded')
    const caseStudies = await loadCaseStudyDemo(database.db)
    if (caseStudies) logger.info({ event: 'demo_data.case_studies_loaded', count: caseStudies }, 'demo case studies loaded')
    // Issue 7: what the journey's closed episodes' people said changed (docs/closing-outcomes.md).
    const outcomes = await loadClosingOutcomesDemo(database.db)
    if (outcomes) logger.info({ event: 'demo_data.closing_outcomes_loaded', count: outcomes }, 'demo closing outcomes loaded')
    const serviceReturns = await loadServiceReturnDemo(database.db)
    if (serviceReturns) logger.info({ event: 'demo_data.service_returns_loaded', count: serviceReturns }, 'demo service and activity returns loaded')
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
