import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import type { Agent } from '../../../test/support/agent.js'
import type { DB } from '../../platform/db/schema.js'
import { paths, type QuestionStep } from './journey.js'

/** Test support for the self-referral tests: a person's answers page by page, and a walk through the journey. */
export type Form = Record<string, string | string[]>

export const adultDateOfBirth: Form = { 'dateOfBirth-day': '27', 'dateOfBirth-month': '3', 'dateOfBirth-year': '1980' }

/** A date of birth that makes someone `age` today (born on 1 January). */
export function dateOfBirthAged(age: number): Form {
  return { 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': String(new Date().getUTCFullYear() - age) }
}

export const defaultAnswers: Record<QuestionStep, Form> = {
  language: { useWelsh: 'no' },
  name: { givenName: 'Dafydd', familyName: 'ap Gwilym' },
  'date-of-birth': adultDateOfBirth,
  // Not in the demo data (no postcode file is loaded), so the local authority is asked for.
  postcode: { postcode: 'cf10 1aa' },
  'local-authority': { localAuthorityCode: 'W06000015' },
  contact: { contactMethods: ['phone', 'email'], phone: '029 2018 0000', email: 'Dafydd@Example.org', contactTimes: 'Weekday mornings', safeToLeaveMessage: 'yes' },
  help: { reasons: ['loneliness_isolation', 'other'], reasonDetails: 'I would like to join a choir.' },
  communication: { communicationNeeds: ['large_print'] },
  carer: { isCarer: 'no', hasSupport: 'prefer_not_to_say' },
  guardian: { guardianName: 'Mair Jones', guardianRelationship: 'Mam', guardianContact: '07700 900982' },
  consent: { personAgreed: 'yes' },
}

/**
 * Answers every page the journey asks, as a browser would (GET the page, POST the form, follow the redirect),
 * until `stop` (check-answers by default). Returns the page reached.
 */
export async function walk(agent: Agent, answers: Partial<Record<QuestionStep, Form>> = {}, stop = paths.step('check-answers')): Promise<LightMyRequestResponse> {
  await agent.get(paths.start)
  let location = paths.step('language')
  for (let guard = 0; guard < 20; guard++) {
    const page = await agent.get(location)
    assert.equal(page.statusCode, 200, `GET ${location}`)
    if (location === stop || location === paths.step('check-answers') || location === paths.step('no-service')) return page
    const step = location.slice(paths.start.length + 1) as QuestionStep
    const response = await agent.submit(location, { ...defaultAnswers[step], ...answers[step] })
    assert.equal(response.statusCode, 303, `POST ${location}: ${response.statusCode} ${/govuk-error-summary__list[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? ''}`)
    location = response.headers.location as string
  }
  throw new Error('the journey did not end')
}

/** Sends the answers from the check-your-answers page; returns the confirmation page. */
export async function send(agent: Agent, form: Form = {}): Promise<LightMyRequestResponse> {
  const response = await agent.submit(paths.step('check-answers'), form)
  assert.equal(response.statusCode, 303, `send: ${response.statusCode}`)
  assert.equal(response.headers.location, paths.confirmation)
  return agent.get(paths.confirmation)
}

export async function counts(db: Kysely<DB>): Promise<{ people: number; referrals: number; consents: number }> {
  const count = async (table: 'people' | 'referrals' | 'consents') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  return { people: await count('people'), referrals: await count('referrals'), consents: await count('consents') }
}

export function referenceIn(body: string): string {
  const match = /CYS-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(body)
  assert.ok(match, 'a reference number is shown')
  return match[0]
}
