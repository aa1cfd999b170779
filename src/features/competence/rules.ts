import { titleOf } from '../competence-framework/contract.js'
import { type FieldError, length, text } from '../admin/fields.js'
import { parseDay } from '../what-matters/dates.js'
import { type AreaId, areaIds, isAreaId, type Rating, ratings } from './areas.js'

/*
 * The rules of self-assessment against the Competence Framework (issue 8 §2), pure so the pages, the API and the
 * unit tests share them.
 */

export const EVIDENCE_LIMIT = 4000
export const ACTION_LIMIT = 1000
/** Self-assessment dates before the framework's predecessors are surely typing mistakes. */
export const EARLIEST_DAY = '2015-01-01'
export const planStatuses = ['planned', 'in_progress', 'done'] as const
export type PlanStatus = (typeof planStatuses)[number]

/** An area's title in the user's language, from the framework's reference data (issue 8 §1). */
export function areaTitle(areaId: string, lang: 'cy' | 'en'): string {
  return titleOf(areaId, lang) || areaId
}

/** The names of the framework's seven domains, in order. */
export const domainNameKeys = [
  'competence.domains.d1',
  'competence.domains.d2',
  'competence.domains.d3',
  'competence.domains.d4',
  'competence.domains.d5',
  'competence.domains.d6',
  'competence.domains.d7',
] as const

/** The framework's domain (1–7) an area belongs to. */
export const domainOf = (areaId: string) => Number(areaId.charAt(0))

/** A form-safe spelling of an area id ('1.2a' → '1-2a'), for field names and element ids. */
export const areaKey = (areaId: string) => areaId.replace('.', '-')

/** The areas by domain, in the framework's order. */
export function areasByDomain(): { domain: number; areas: AreaId[] }[] {
  const domains: { domain: number; areas: AreaId[] }[] = []
  for (const id of areaIds) {
    const d = domainOf(id)
    const last = domains.at(-1)
    if (last?.domain === d) last.areas.push(id)
    else domains.push({ domain: d, areas: [id] })
  }
  return domains
}

export const isRating = (value: unknown): value is Rating => typeof value === 'string' && (ratings as readonly string[]).includes(value)
export const isPlanStatus = (value: unknown): value is PlanStatus =>
  typeof value === 'string' && (planStatuses as readonly string[]).includes(value)

export interface Gap {
  areaId: AreaId
  /** null: never rated in the latest sitting. */
  rating: Rating | null
}

/** The gaps (issue 8 §2): every area rated not yet or developing, or never rated, in the framework's order. */
export function gapsOf(rated: ReadonlyMap<string, Rating | { rating: Rating }> | Record<string, Rating | undefined>): Gap[] {
  const lookup = (id: string) => {
    const found = rated instanceof Map ? rated.get(id) : (rated as Record<string, Rating | undefined>)[id]
    return typeof found === 'object' ? found.rating : found
  }
  return areaIds.flatMap((areaId) => {
    const rating = lookup(areaId) ?? null
    return rating === null || rating === 'not_yet' || rating === 'developing' ? [{ areaId, rating }] : []
  })
}

/**
 * The plan items proposed from the gaps: one per gap area the plan does not already cover with an open item
 * (planned or in progress). An area whose items are all done is proposed again while it is still a gap.
 */
export function proposedPlan(gaps: readonly Gap[], plan: readonly { areaId: string; status: PlanStatus }[]): Gap[] {
  const open = new Set(plan.filter((item) => item.status !== 'done').map((item) => item.areaId))
  return gaps.filter((gap) => !open.has(gap.areaId))
}

export interface CurrentRating {
  rating: Rating
  evidence: string | null
  assessedOn: string
}

/**
 * Where the practitioner stands now: each area's rating from the latest sitting that rated it (sittings oldest
 * first). A sitting may rate only some areas, so the areas it leaves out keep their earlier rating and date.
 */
export function currentRatings(
  sittings: readonly { assessedOn: string; ratings: readonly { areaId: string; rating: Rating; evidence: string | null }[] }[],
): Map<string, CurrentRating> {
  const current = new Map<string, CurrentRating>()
  for (const sitting of sittings)
    for (const r of sitting.ratings) current.set(r.areaId, { rating: r.rating, evidence: r.evidence, assessedOn: sitting.assessedOn })
  return current
}

export interface RatingInput {
  areaId: AreaId
  rating: Rating
  evidence: string | null
}
export interface AssessmentInput {
  assessedOn: string
  ratings: RatingInput[]
}
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/** The error keys of one date field: missing (when required) and invalid. */
interface DayKeys {
  missing?: string
  invalid: string
}

function dayOf(raw: Record<string, unknown>, name: string, errors: FieldError[], keys: DayKeys) {
  const present = [raw[name], raw[`${name}-day`], raw[`${name}-month`], raw[`${name}-year`]].some(
    (v) => v !== undefined && v !== null && text(v).trim() !== '',
  )
  if (!present) {
    if (keys.missing) errors.push({ field: name, key: keys.missing, href: `#${name}-day` })
    return null
  }
  const parsed = parseDay(raw, name)
  if ('problem' in parsed) {
    errors.push({ field: name, key: keys.invalid, href: `#${name}-day` })
    return null
  }
  return parsed.date
}

/**
 * One sitting: the date assessed (not in the future, not before 2015) and at least one rating; evidence at most
 * 4000 characters and only with a rating. `raw.ratings` is a list of `{ areaId, rating, evidence }`.
 */
export function validateAssessment(raw: Record<string, unknown>, today: string): Checked<AssessmentInput> {
  const errors: FieldError[] = []
  const assessedOn = dayOf(raw, 'assessedOn', errors, { missing: 'competence.errors.assessedOnMissing', invalid: 'competence.errors.assessedOnInvalid' })
  if (assessedOn && assessedOn > today) errors.push({ field: 'assessedOn', key: 'competence.errors.assessedOnFuture', href: '#assessedOn-day' })
  else if (assessedOn && assessedOn < EARLIEST_DAY)
    errors.push({ field: 'assessedOn', key: 'competence.errors.assessedOnTooEarly', href: '#assessedOn-day' })
  const list = Array.isArray(raw.ratings) ? (raw.ratings as unknown[]) : []
  const seen = new Set<string>()
  const value: RatingInput[] = []
  for (const entry of list) {
    const item = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {}
    const areaId = text(item.areaId)
    if (!isAreaId(areaId) || seen.has(areaId)) {
      errors.push({ field: 'ratings', key: 'competence.errors.areaUnknown', params: { area: areaId } })
      continue
    }
    seen.add(areaId)
    const field = `rating-${areaKey(areaId)}`
    const rating = text(item.rating)
    const evidence = text(item.evidence).trim()
    if (rating === '') {
      if (evidence) errors.push({ field, key: 'competence.errors.ratingForEvidence', params: { area: areaId } })
      continue
    }
    if (!isRating(rating)) {
      errors.push({ field, key: 'competence.errors.ratingUnknown', params: { area: areaId } })
      continue
    }
    if (length(evidence) > EVIDENCE_LIMIT) {
      errors.push({ field: `evidence-${areaKey(areaId)}`, key: 'competence.errors.evidenceTooLong', params: { area: areaId, limit: EVIDENCE_LIMIT } })
      continue
    }
    value.push({ areaId, rating, evidence: evidence || null })
  }
  if (errors.length === 0 && value.length === 0) errors.push({ field: 'ratings', key: 'competence.errors.noRatings', href: `#rating-${areaKey(areaIds[0])}` })
  if (errors.length > 0 || !assessedOn) return { ok: false, errors }
  return { ok: true, value: { assessedOn, ratings: value } }
}

/** The page's form as the validator's list: `rating-1-2a` and `evidence-1-2a` for every area. */
export function ratingsFromForm(body: Record<string, unknown>): { areaId: AreaId; rating: string; evidence: string }[] {
  return areaIds
    .map((areaId) => ({ areaId, rating: text(body[`rating-${areaKey(areaId)}`]), evidence: text(body[`evidence-${areaKey(areaId)}`]) }))
    .filter((r) => r.rating !== '' || r.evidence.trim() !== '')
}

export interface PlanItemInput {
  areaId: AreaId
  action: string
  dueOn: string | null
  status: PlanStatus
}

/**
 * A plan item: the area (one of the framework's), what the practitioner will do (1–1000 characters), an optional
 * due date (a real date from 2015), and its status. `partial` checks only the fields given (an edit).
 */
export function validatePlanItem(raw: Record<string, unknown>, partial = false): Checked<Partial<PlanItemInput>> {
  const errors: FieldError[] = []
  const value: Partial<PlanItemInput> = {}
  const given = (name: string) => !partial || Object.hasOwn(raw, name) || Object.hasOwn(raw, `${name}-day`)
  if (given('areaId')) {
    const areaId = text(raw.areaId)
    if (isAreaId(areaId)) value.areaId = areaId
    else errors.push({ field: 'areaId', key: 'competence.plan.errors.areaId' })
  }
  if (given('action')) {
    const action = text(raw.action).trim()
    if (!action) errors.push({ field: 'action', key: 'competence.plan.errors.actionMissing' })
    else if (length(action) > ACTION_LIMIT) errors.push({ field: 'action', key: 'competence.plan.errors.actionTooLong', params: { limit: ACTION_LIMIT } })
    else value.action = action
  }
  if (given('dueOn')) {
    const dueOn = raw.dueOn === null ? null : dayOf(raw, 'dueOn', errors, { invalid: 'competence.plan.errors.dueOnInvalid' })
    if (dueOn && dueOn < EARLIEST_DAY) errors.push({ field: 'dueOn', key: 'competence.plan.errors.dueOnInvalid', href: '#dueOn-day' })
    else if (!errors.some((e) => e.field === 'dueOn')) value.dueOn = dueOn
  }
  if (given('status')) {
    const status = raw.status === undefined || raw.status === '' ? 'planned' : raw.status
    if (isPlanStatus(status)) value.status = status
    else errors.push({ field: 'status', key: 'competence.plan.errors.status' })
  }
  return errors.length ? { ok: false, errors } : { ok: true, value }
}

export type Change = 'new' | 'up' | 'down' | 'same'

/**
 * How each area changed between sittings (oldest first in, the same order out): each rating against the same area's
 * rating in the sitting before that rated it.
 */
export function changesOf<S extends { ratings: { areaId: string; rating: Rating }[] }>(
  sittings: readonly S[],
): (S & { ratings: { areaId: string; rating: Rating; previous: Rating | null; change: Change }[] })[] {
  const last = new Map<string, Rating>()
  return sittings.map((sitting) => ({
    ...sitting,
    ratings: sitting.ratings.map((r) => {
      const previous = last.get(r.areaId) ?? null
      last.set(r.areaId, r.rating)
      const change: Change =
        previous === null ? 'new' : previous === r.rating ? 'same' : ratings.indexOf(r.rating) > ratings.indexOf(previous) ? 'up' : 'down'
      return { ...r, previous, change }
    }),
  }))
}
