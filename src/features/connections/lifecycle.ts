import type { ConnectionKind, ConnectionStatus, Side } from './schema.js'

/*
 * One lifecycle for connections to community assets, shared by the practitioner's pages and the asset portal
 * (issue 4 §8, issue 5 §5; the table in docs/connections.md). Pure: the routes ask it before writing anything.
 *
 *   suggested ─┬─ signposted ──────────┐
 *              ├─ introduced ──────────┤
 *              └─ referred ─┬─ accepted ┴─ first_attended ─ attending ─ completed
 *                           ├─ waitlisted ─ accepted         ╲  did_not_attend ╱
 *                           └─ declined                       disengaged, withdrew
 */
export const terminalStatuses: readonly ConnectionStatus[] = ['declined', 'completed', 'disengaged', 'withdrew']

/** The status a new connection of each kind begins in. */
export const startingStatus: Record<ConnectionKind, ConnectionStatus> = {
  signpost: 'signposted',
  referral: 'referred',
  supported_introduction: 'introduced',
}

const both: readonly Side[] = ['practitioner', 'asset']
const practitioner: readonly Side[] = ['practitioner']
const asset: readonly Side[] = ['asset']

/** Attendance moves: the asset records them for its referrals, the practitioner for any connection (what the person said). */
const attendance = (to: ConnectionStatus[]) =>
  Object.fromEntries(to.map((s) => [s, both])) as Partial<Record<ConnectionStatus, readonly Side[]>>

/** Every allowed move: from → to → who may make it. Anything not listed is refused. */
export const moves: Record<ConnectionStatus, Partial<Record<ConnectionStatus, readonly Side[]>>> = {
  suggested: { signposted: practitioner, referred: practitioner, introduced: practitioner, withdrew: practitioner },
  signposted: { first_attended: practitioner, did_not_attend: practitioner, withdrew: practitioner },
  introduced: { first_attended: practitioner, did_not_attend: practitioner, withdrew: practitioner },
  referred: { accepted: asset, declined: asset, waitlisted: asset, withdrew: both },
  waitlisted: { accepted: asset, declined: asset, withdrew: both },
  accepted: attendance(['first_attended', 'did_not_attend', 'withdrew']),
  first_attended: attendance(['attending', 'did_not_attend', 'completed', 'disengaged', 'withdrew']),
  attending: attendance(['attending', 'did_not_attend', 'completed', 'disengaged', 'withdrew']),
  did_not_attend: attendance(['first_attended', 'attending', 'did_not_attend', 'disengaged', 'withdrew']),
  declined: {},
  completed: {},
  disengaged: {},
  withdrew: {},
}

export interface ConnectionState {
  status: ConnectionStatus
  /** Null while only suggested. */
  kind: ConnectionKind | null
  /** Whether the person has attended at least once (first_attended_at is set). */
  attendedBefore: boolean
}

export interface MoveDetails {
  reason?: string | null
  weeks?: number | null
}

export type MoveCheck = { ok: true } | { ok: false; code: 'invalid_transition' | 'reason_required' | 'weeks_required' }

/** May `side` move this connection to `to`? Asks for a reason to decline and a number of weeks to waitlist. */
export function checkMove(
  state: ConnectionState,
  to: ConnectionStatus,
  side: Side,
  details: MoveDetails = {},
): MoveCheck {
  if (!nextStatuses(state, side).includes(to)) return { ok: false, code: 'invalid_transition' }
  if (to === 'declined' && !details.reason?.trim()) return { ok: false, code: 'reason_required' }
  if (
    to === 'waitlisted' &&
    !(Number.isInteger(details.weeks) && (details.weeks as number) >= 1 && (details.weeks as number) <= 104)
  )
    return { ok: false, code: 'weeks_required' }
  return { ok: true }
}

/**
 * The statuses `side` may move this connection to, in the order the pages offer them. An asset acts only on
 * referrals made to it; a first attendance is recorded once, and 'attending' only after it.
 */
export function nextStatuses(state: ConnectionState, side: Side): ConnectionStatus[] {
  if (side === 'asset' && state.kind !== 'referral') return []
  return (Object.entries(moves[state.status]) as [ConnectionStatus, readonly Side[]][])
    .filter(([, sides]) => sides.includes(side))
    .map(([to]) => to)
    .filter((to) =>
      to === 'first_attended' ? !state.attendedBefore : to === 'attending' ? state.attendedBefore : true,
    )
}

/** Whether the connection is still going on (not declined, completed, disengaged or withdrawn). */
export function isOpen(status: ConnectionStatus): boolean {
  return !terminalStatuses.includes(status)
}

/**
 * Acting on a suggestion (issue 5 §5): the practitioner turns a `suggested` connection into a signpost, a referral or
 * a supported introduction, which starts it in that kind's status. Refused for anything that is not a suggestion.
 */
export function checkActOnSuggestion(status: ConnectionStatus, kind: ConnectionKind): MoveCheck {
  if (status !== 'suggested') return { ok: false, code: 'invalid_transition' }
  return checkMove({ status, kind: null, attendedBefore: false }, startingStatus[kind], 'practitioner')
}

const DAY = 24 * 60 * 60 * 1000

/** Whole days from one instant to a later one (0 the same day), or null when the later one has not happened. */
export function daysBetween(from: Date, to: Date | null): number | null {
  if (!to) return null
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY))
}

/**
 * CDS #46 and #104: days from the referral (or signpost, introduction) to the service's first response — accepted,
 * declined or waitlisted — and to the first attendance. Null until they happen.
 */
export function connectionTimes(c: {
  created_at: Date
  first_responded_at: Date | null
  first_attended_at: Date | null
}): { daysToFirstResponse: number | null; daysToFirstAttendance: number | null } {
  return {
    daysToFirstResponse: daysBetween(c.created_at, c.first_responded_at),
    daysToFirstAttendance: daysBetween(c.created_at, c.first_attended_at),
  }
}

/** The asset's moves that count as its first response to a referral (CDS #104). */
export const responseStatuses: readonly ConnectionStatus[] = ['accepted', 'declined', 'waitlisted']
