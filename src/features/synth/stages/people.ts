import type { SynthContext, SynthStage } from '../run.js'

/** Issue 9 synthetic data: the people stage (see run.ts for the order and stages/organisations.ts for the id contract). */
export const peopleStage: SynthStage = {
  name: 'people',
  async run(_ctx: SynthContext) {
    return {}
  },
}
