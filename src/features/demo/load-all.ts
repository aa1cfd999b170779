import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { loadCaseStudyDemo } from '../case-studies/demo.js'
import { loadCompetenceDemo } from '../competence/demo.js'
import { loadSupervisionDemo } from '../supervision/demo.js'
import { loadStandardsDemo } from '../standards-assessment/demo.js'
import { loadWorkforceDemo } from '../workforce/demo.js'
import { loadServiceReturnDemo } from '../service-returns/demo.js'
import { loadClosingOutcomesDemo } from '../episodes/closing-outcomes-demo.js'
import { loadExperienceDemo } from '../experience/demo.js'
import { loadInstrumentDemo } from '../instruments/demo.js'
import { loadMeasureDemo } from '../measures/demo.js'
import { loadDemoPostcodes } from '../postcodes/demo.js'
import { loadDemoServices } from '../directory/demo/load.js'
import { type DemoResult, loadDemoData } from './demo-data.js'
import { loadDemoJourney } from './demo-journey.js'
import { loadDemoReferrals } from './demo-referrals.js'

/** What a loader added, for the start-up log (event name, count, message); nothing when it had loaded before. */
export interface DemoStep {
  event: string
  count: number
  message: string
}

/**
 * What the later demo parts build on: postcodes, the directory, referrals, and people at every stage of the support
 * journey (once only: it remembers in the audit log). Returns how many journey people it added.
 */
export async function loadJourneyDemo(db: Kysely<DB>, step: (s: DemoStep) => void = () => {}): Promise<number> {
  const report = (event: string, message: string) => (count: number | boolean) => {
    if (count) step({ event, count: Number(count), message })
  }
  report('demo_data.postcodes_loaded', 'synthetic demo postcodes loaded')(await loadDemoPostcodes(db))
  report('demo_data.services_loaded', 'demo directory services loaded')(await loadDemoServices(db))
  report('demo_data.referrals_loaded', 'demo referrals loaded')(await loadDemoReferrals(db))
  const journey = await loadDemoJourney(db)
  report('demo_data.journey_loaded', 'demo support journey loaded')(journey)
  return journey
}

/**
 * The whole demo set, in the order each part needs the one before: organisations and accounts, postcodes, the
 * directory, referrals, people at every stage of the support journey (issue 5), instrument registrations, measures,
 * the person's voice and case studies (issue 6), closing outcomes and the services' period returns (issue 7). Each
 * loader adds only what is missing, so a restart changes nothing. Used by `npm start` and by tests that need the
 * demo as a user sees it.
 */
export async function loadFullDemo(db: Kysely<DB>, password: string | undefined, step: (s: DemoStep) => void = () => {}): Promise<DemoResult> {
  const demo = await loadDemoData(db, password)
  if (demo.created) step({ event: 'demo_data.loaded', count: 1, message: 'demo data loaded' })
  const report = (event: string, message: string) => (count: number | boolean) => {
    if (count) step({ event, count: Number(count), message })
  }
  await loadJourneyDemo(db, step)
  await loadInstrumentDemo(db)
  report('demo_data.measures_loaded', 'demo measures loaded')(await loadMeasureDemo(db))
  report('demo_data.experience_loaded', 'demo outcomes in own words and survey replies loaded')(await loadExperienceDemo(db))
  report('demo_data.case_studies_loaded', 'demo case studies loaded')(await loadCaseStudyDemo(db))
  report('demo_data.closing_outcomes_loaded', 'demo closing outcomes loaded')(await loadClosingOutcomesDemo(db))
  report('demo_data.service_returns_loaded', 'demo service and activity returns loaded')(await loadServiceReturnDemo(db))
  // Issue 8: self-assessments against the Competence Framework and supervision.
  report('demo_data.competence_loaded', 'demo competence self-assessments loaded')(await loadCompetenceDemo(db))
  report('demo_data.supervision_loaded', 'demo supervision sessions loaded')(await loadSupervisionDemo(db))
  report('demo_data.standards_loaded', 'demo Core Standards self-assessment loaded')(await loadStandardsDemo(db))
  report('demo_data.workforce_loaded', 'demo workforce records, DBS checks, training and volunteer counts loaded')(await loadWorkforceDemo(db))
  return demo
}
