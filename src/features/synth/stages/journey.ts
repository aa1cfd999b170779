import type { SynthContext, SynthStage } from '../run.js'

/** Issue 9 synthetic data: the journey stage (see run.ts for the order and stages/organisations.ts for the id contract). */
export const journeyStage: SynthStage = {
  name: 'journey',
  async run(_ctx: SynthContext) {
    return {}
  },
}
