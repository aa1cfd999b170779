import type { MeasureModule } from '../modules.js'
import { costsModule } from './costs.js'
import { sustainabilityModule } from './sustainability.js'

/** Every module a report is made of; each helper adds its own here (issue 7). */
export const measureModules: MeasureModule[] = [
  costsModule,
  sustainabilityModule,
]
