import type { ConnectionKind, ConnectionStatus, Side } from '../../connections/schema.js'

/*
 * The funnel a synthetic connection goes along (issue 9): every path from a connection's first status to where it
 * stops, with its probability, enumerated once from the step probabilities below. The SQL picks one path per
 * connection with one uniform draw, then dates its steps; paths.test.ts checks every step against the app's own
 * lifecycle (connections/lifecycle.ts), so a synthetic connection only ever makes moves the app allows.
 *
 * 'stop' means nothing more was recorded (no answer yet, still attending, no news of a signpost).
 * did_not_attend before and after a first attendance are different states (the lifecycle allows 'first_attended'
 * only once, 'attending' only after it), hence the '+' suffix on the state after attending.
 */
type State = ConnectionStatus | 'did_not_attend+'
type Next = Partial<Record<State | 'stop', number>>

const afterAttending: Record<string, Next> = {
  first_attended: { attending: 0.55, completed: 0.2, disengaged: 0.12, 'did_not_attend+': 0.08, withdrew: 0.05 },
  attending: { completed: 0.55, disengaged: 0.2, withdrew: 0.08, stop: 0.17 },
  'did_not_attend+': { attending: 0.5, disengaged: 0.5 },
}

const chains: Record<ConnectionKind, Record<string, Next>> = {
  referral: {
    referred: { accepted: 0.7, waitlisted: 0.12, declined: 0.08, withdrew: 0.05, stop: 0.05 },
    waitlisted: { accepted: 0.75, declined: 0.1, withdrew: 0.1, stop: 0.05 },
    accepted: { first_attended: 0.78, did_not_attend: 0.14, withdrew: 0.06, stop: 0.02 },
    did_not_attend: { first_attended: 0.35, disengaged: 0.45, withdrew: 0.15, stop: 0.05 },
    ...afterAttending,
  },
  signpost: {
    signposted: { first_attended: 0.5, did_not_attend: 0.15, withdrew: 0.1, stop: 0.25 },
    did_not_attend: { first_attended: 0.3, disengaged: 0.5, withdrew: 0.15, stop: 0.05 },
    ...afterAttending,
  },
  supported_introduction: {
    introduced: { first_attended: 0.72, did_not_attend: 0.12, withdrew: 0.08, stop: 0.08 },
    did_not_attend: { first_attended: 0.35, disengaged: 0.45, withdrew: 0.15, stop: 0.05 },
    ...afterAttending,
  },
}

export const firstStatus: Record<ConnectionKind, ConnectionStatus> = {
  referral: 'referred',
  signpost: 'signposted',
  supported_introduction: 'introduced',
}

export interface ConnectionPath {
  kind: ConnectionKind
  statuses: ConnectionStatus[]
  /** Who records each step: the practitioner makes the connection; the asset answers and records attendance of its referrals. */
  sides: Side[]
  probability: number
}

const assetAnswers: readonly string[] = ['accepted', 'declined', 'waitlisted']
const attendanceMoves: readonly string[] = ['first_attended', 'attending', 'did_not_attend', 'completed', 'disengaged']

function sideOf(kind: ConnectionKind, step: number, to: ConnectionStatus): Side {
  if (step === 0 || kind !== 'referral') return 'practitioner'
  return assetAnswers.includes(to) || attendanceMoves.includes(to) ? 'asset' : 'practitioner'
}

/** Every path of a kind, most likely first; probabilities sum to 1. */
export function connectionPaths(kind: ConnectionKind): ConnectionPath[] {
  const chain = chains[kind]
  const out: ConnectionPath[] = []
  const walk = (states: State[], probability: number) => {
    const next = chain[states[states.length - 1] as string]
    const entries = Object.entries(next ?? { stop: 1 }) as [State | 'stop', number][]
    for (const [to, p] of entries) {
      if (to === 'stop') {
        const statuses = states.map((s) => (s === 'did_not_attend+' ? 'did_not_attend' : s)) as ConnectionStatus[]
        out.push({ kind, statuses, sides: statuses.map((s, i) => sideOf(kind, i, s)), probability: probability * p })
      } else walk([...states, to], probability * p)
    }
  }
  walk([firstStatus[kind]], 1)
  // Terminal statuses have no chain entry and stop there (the walk treats a missing entry as 'stop').
  return out.sort((a, b) => b.probability - a.probability)
}

/** Days from the previous step to this one, [min, max], by the status reached (a waitlist's wait is its weeks). */
export const stepDays: Record<ConnectionStatus, [number, number]> = {
  suggested: [0, 0],
  signposted: [0, 0],
  referred: [0, 0],
  introduced: [0, 0],
  accepted: [2, 14],
  waitlisted: [2, 14],
  declined: [2, 21],
  first_attended: [3, 21],
  did_not_attend: [3, 14],
  attending: [7, 28],
  completed: [28, 90],
  disengaged: [14, 60],
  withdrew: [3, 30],
}
