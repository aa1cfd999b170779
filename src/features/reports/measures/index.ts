import type { MeasureModule } from '../modules.js'
import { closingOutcomesModule } from './closing-outcomes.js'

/** Every module a report is made of; each helper adds its own here (issue 7). */
export const measureModules: MeasureModule[] = [closingOutcomesModule]
