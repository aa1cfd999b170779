import type { SynthContext } from '../run.js'
import type { Count } from './referral-records.js'

export async function insertWhatMatters(_ctx: SynthContext, _count: Count): Promise<void> {}
