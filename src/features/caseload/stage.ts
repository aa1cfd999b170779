/*
 * Where a person is on the support journey (DESIGN §2 steps 4–10; issue 5 §2), worked out from what has been
 * recorded rather than typed in, so the caseload can never disagree with the record. Pure: the caseload query
 * gathers the facts, this names the stage and the step that naturally comes next.
 */
export const stages = [
  'to_contact',
  'what_matters',
  'planning',
  'connecting',
  'following_up',
  'ready_to_close',
] as const
export type Stage = (typeof stages)[number]

export interface StageFacts {
  /** CDS #122: null when no 'What Matters' conversation has been recorded; whether one was completed otherwise. */
  whatMattersCompleted: boolean | null
  /** An action plan (CF 5.3) exists for the episode. */
  hasPlan: boolean
  /** CDS #21: a signposting-only episode needs no co-produced plan before the signpost. */
  levelOfSupport: 'signposting' | 'short_term' | 'holistic' | null
  /** Connections still going on (not declined, completed, disengaged or withdrawn). */
  openConnections: number
  /** Of those, the ones where the person has started going (first attended, attending). */
  attendingConnections: number
  /** Connections the person saw through to the end. */
  completedConnections: number
  /** Follow-ups and tasks not yet marked done or not done. */
  openFollowUps: number
}

/**
 * The stage:
 * - to contact: no 'What Matters' conversation yet (CF 5.1 comes first);
 * - What Matters: a conversation was held but not completed;
 * - planning: the conversation is complete but there is no action plan (unless signposting only) and no connection;
 * - connecting: nothing under way yet — no connection, or only ones the person has not started (signposted,
 *   referred, waiting list, did not attend), or every one ended without being completed;
 * - supported, following up (CF 6.1): the person is attending something, or follow-ups remain;
 * - ready to close: every connection has ended, at least one completed, and nothing is left to follow up.
 */
export function stageOf(f: StageFacts): Stage {
  if (f.whatMattersCompleted === null) return 'to_contact'
  if (!f.whatMattersCompleted) return 'what_matters'
  const everConnected = f.openConnections + f.completedConnections > 0
  if (!f.hasPlan && f.levelOfSupport !== 'signposting' && !everConnected) return 'planning'
  if (f.attendingConnections === 0 && f.completedConnections === 0) return 'connecting'
  if (f.openConnections > 0 || f.openFollowUps > 0) return 'following_up'
  return 'ready_to_close'
}
