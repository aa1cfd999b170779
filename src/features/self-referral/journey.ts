import { isChild, parseDateOfBirth } from '../people/person-rules.js'
import { dateParts } from '../referrals/referral-input.js'

/**
 * The self-referral journey as data: its pages in order, which apply to whom, and where a person goes next. Pure,
 * so the order can be tested without a server. Answers are kept as typed (form-shaped), so the final submit can
 * run the same `validateReferral` as every other door.
 */
export const BASE_PATH = '/refer-yourself'
export const DRAFT_COOKIE = 'cyswllt_self_referral'
export const DRAFT_LIFETIME_MS = 2 * 60 * 60 * 1000
/** What the confirmation promises; a provider's service level, shown to the person. */
export const CONTACT_WITHIN_WORKING_DAYS = 10

export const questionSteps = ['language', 'name', 'date-of-birth', 'postcode', 'local-authority', 'contact', 'help', 'communication', 'carer', 'guardian', 'consent'] as const
export type QuestionStep = (typeof questionSteps)[number]
export type Step = QuestionStep | 'no-service' | 'check-answers'

/** Every page in the order a person can reach it; `no-service` stops the journey where no provider covers the area. */
const order: readonly Step[] = ['language', 'name', 'date-of-birth', 'postcode', 'local-authority', 'no-service', 'contact', 'help', 'communication', 'carer', 'guardian', 'consent', 'check-answers']

/** Form-shaped answers plus the journey's own markers (`completed`, `postcodeKnown`, `providerFound`, `trap`). */
export type Answers = Record<string, string | string[] | undefined>

export const paths = {
  start: BASE_PATH,
  confirmation: `${BASE_PATH}/confirmation`,
  step: (step: Step) => `${BASE_PATH}/${step}`,
}

export function isQuestionStep(value: unknown): value is QuestionStep {
  return typeof value === 'string' && (questionSteps as readonly string[]).includes(value)
}

export function text(answers: Answers, key: string): string {
  const value = answers[key]
  return typeof value === 'string' ? value : ''
}

export function completedSteps(answers: Answers): string[] {
  const value = answers.completed
  return Array.isArray(value) ? value : []
}

export function markCompleted(answers: Answers, step: QuestionStep): Answers {
  return { ...answers, completed: [...new Set([...completedSteps(answers), step])] }
}

export function markIncomplete(answers: Answers, step: QuestionStep): Answers {
  return { ...answers, completed: completedSteps(answers).filter((s) => s !== step) }
}

/** Under 18 on `today`, by the date of birth given (false until a valid date is given). */
export function isUnder18(answers: Answers, today: Date): boolean {
  const dob = parseDateOfBirth(dateParts(answers), today)
  return 'date' in dob && isChild(dob.date, today)
}

/** Whether a page is part of this person's journey. */
export function applies(step: Step, answers: Answers, today: Date): boolean {
  if (step === 'local-authority') return answers.postcodeKnown === 'no'
  if (step === 'no-service') return answers.providerFound === 'no'
  if (step === 'guardian') return isUnder18(answers, today)
  return true
}

/** The first page still to answer; `check-answers` when everything is answered. */
export function nextStep(answers: Answers, today: Date = new Date()): Step {
  const done = new Set(completedSteps(answers))
  for (const step of order) {
    if (step === 'check-answers' || !applies(step, answers, today)) continue
    if (step === 'no-service') return step
    if (!done.has(step)) return step
  }
  return 'check-answers'
}

/** A page may be shown when it applies and comes no later than the first unanswered one (no skipping ahead). */
export function canVisit(step: Step, answers: Answers, today: Date = new Date()): boolean {
  return applies(step, answers, today) && order.indexOf(step) <= order.indexOf(nextStep(answers, today))
}

/** The page before this one in this person's journey, for the back link; the start page before the first. */
export function previousStep(step: Step, answers: Answers, today: Date = new Date()): Step | null {
  for (let i = order.indexOf(step) - 1; i >= 0; i--) {
    const candidate = order[i] as Step
    if (candidate !== 'no-service' && applies(candidate, answers, today)) return candidate
  }
  return null
}

/** The language the person chose at the active offer (CS Std 6): what their record and contact will use. */
export function chosenLanguage(answers: Answers): 'cy' | 'en' {
  return answers.useWelsh === 'yes' ? 'cy' : 'en'
}

/**
 * The answers as the shared referral validation reads them. Calls and texts share one phone number in the record:
 * the number for calls when given, otherwise the mobile number for texts.
 */
export function referralFields(answers: Answers): Answers {
  return {
    ...answers,
    phone: text(answers, 'phone') || text(answers, 'mobile'),
    language: chosenLanguage(answers),
    welshOfferMade: 'yes',
  }
}
