import type { MeasureModule } from '../modules.js'
import { closingOutcomesModule } from './closing-outcomes.js'
import { costsModule } from './costs.js'
import { experienceModule } from './experience.js'
import { journeyModule } from './journey.js'
import { outcomesModule } from './outcomes.js'
import { pathwayModule } from './pathway.js'
import { sustainabilityModule } from './sustainability.js'

/** Every module a report is made of (issue 7): the engine orders what they return, Table 2 first. */
export const measureModules: MeasureModule[] = [
  pathwayModule,
  outcomesModule,
  experienceModule,
  journeyModule,
  closingOutcomesModule,
  costsModule,
  sustainabilityModule,
]
