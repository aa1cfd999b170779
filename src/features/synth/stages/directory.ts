import type { SynthContext, SynthStage } from '../run.js'

/** Issue 9 synthetic data: the directory stage (see run.ts for the order and stages/organisations.ts for the id contract). */
export const directoryStage: SynthStage = {
  name: 'directory',
  async run(_ctx: SynthContext) {
    return {}
  },
}
