import type { MeasureModule } from '../modules.js'
import { closingOutcomesModule } from './closing-outcomes.js'
import { pathwayModule } from './pathway.js'

/** Every module a report is made of (issue 7): the engine orders what they return, Table 2 first. */
export const measureModules: MeasureModule[] = [pathwayModule, closingOutcomesModule]
