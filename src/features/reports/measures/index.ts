import type { MeasureModule } from '../modules.js'
import { experienceModule } from './experience.js'
import { journeyModule } from './journey.js'
import { outcomesModule } from './outcomes.js'

/** Every module a report is made of; each helper adds its own here (issue 7). */
export const measureModules: MeasureModule[] = [outcomesModule, experienceModule, journeyModule]
