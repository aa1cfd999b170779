import type { PlanGoal } from './repository.js'

/**
 * A goal as the pages show it: its start scores, its latest scores (start or a review) and its attainment at the
 * end. `asOf` limits the scores to those recorded before a later version replaced this one (history).
 */
export function goalView(g: PlanGoal, asOf?: Date) {
  const scores = g.scores.filter((s) => !asOf || s.occasion === 'start' || s.createdAt <= asOf)
  const start = scores.find((s) => s.occasion === 'start') ?? null
  const scored = scores.filter((s) => s.confidence !== null && s.motivation !== null)
  const latest = scored.at(-1) ?? null
  const end = scores.filter((s) => s.occasion === 'end').at(-1) ?? null
  return {
    goalId: g.goalId,
    position: g.position,
    description: g.description,
    start: start ? { confidence: start.confidence, motivation: start.motivation } : null,
    latest:
      latest && latest !== start
        ? {
            confidence: latest.confidence,
            motivation: latest.motivation,
            occasion: latest.occasion,
            recordedOn: latest.recordedOn,
          }
        : null,
    attainment: end?.attainment ?? null,
    reviews: scores.filter((s) => s.occasion === 'review').length,
  }
}

export type GoalView = ReturnType<typeof goalView>
