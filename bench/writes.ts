import { validJson } from '../src/features/referring/testing.js'
import { paths, type QuestionStep } from '../src/features/self-referral/journey.js'
import { defaultAnswers } from '../src/features/self-referral/testing.js'
import { type LoadResult, runLoad } from './load.js'
import { Browser } from './session.js'
import { latency, type Latency } from './stats.js'

/**
 * The write scenarios: self-referral forms and API referrals per second, each writing its referral and audit row in
 * one transaction; and the cold RBA samples, each the first report read after a referral write.
 */
const DRAFT_COOKIE = 'cyswllt_self_referral'
const CSRF_COOKIE = 'cyswllt_csrf'

/** One person's journey up to "check your answers", as a browser sends it; returns the draft cookie. */
async function prepareDraft(base: string, csrfCookie: string, csrf: string): Promise<string> {
  const browser = new Browser(base)
  browser.jar.set(CSRF_COOKIE, csrfCookie)
  browser.csrf = csrf
  let location: string = paths.step('language')
  for (let guard = 0; guard < 20; guard++) {
    if (location === paths.step('check-answers')) {
      const draft = browser.jar.get(DRAFT_COOKIE)
      if (!draft) throw new Error('the self-referral journey set no draft cookie')
      return draft
    }
    const step = location.slice(paths.start.length + 1) as QuestionStep
    const answers = defaultAnswers[step]
    if (!answers) throw new Error(`the self-referral journey went to ${location}, which the bench cannot answer`)
    const response = await browser.post(location, answers)
    if (response.status !== 303 || !response.location)
      throw new Error(`self-referral ${location} answered ${response.status}`)
    location = response.location
  }
  throw new Error('the self-referral journey did not end')
}

/** Runs `task` n times, `parallel` at once. */
async function pool<T>(n: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) {
        const i = next++
        out[i] = await task(i)
      }
    }),
  )
  return out
}

export interface WriteRun {
  load: LoadResult
  /** Successful writes, warm-up included: what the audit rows must grow by. */
  written: number
  prepareSeconds?: number
}

/**
 * Self-referrals: each needs a draft (a dozen requests through the journey), prepared first and not timed; then the
 * final "send" of each draft, timed. Spare drafts cover autocannon building a request or two it never sends.
 */
export async function selfReferralWrites(
  base: string,
  requests: number,
  warmup: number,
  connections: number,
): Promise<WriteRun> {
  const start = new Browser(base)
  const page = await start.get(paths.step('language'))
  const csrfCookie = start.jar.get(CSRF_COOKIE)
  if (page.status !== 200 || !csrfCookie || !start.csrf)
    throw new Error(`the self-referral start page answered ${page.status} without a form token`)
  const needed = warmup + requests + connections * 2 + 5
  const t0 = performance.now()
  const drafts = await pool(needed, connections, () => prepareDraft(base, csrfCookie, start.csrf))
  const prepareSeconds = Math.round((performance.now() - t0) / 100) / 10
  const body = new URLSearchParams({ _csrf: start.csrf }).toString()
  let sent = 0
  const load = await runLoad({
    url: base,
    requests,
    warmup,
    connections,
    expect: [303],
    request: (i) => {
      sent = Math.max(sent, i + 1)
      return {
        method: 'POST',
        path: paths.step('check-answers'),
        headers: {
          cookie: `${CSRF_COOKIE}=${csrfCookie}; ${DRAFT_COOKIE}=${drafts[Math.min(i, drafts.length - 1)]}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      }
    },
  })
  return { load, written: warmup + (load.statuses['303'] ?? 0), prepareSeconds }
}

/** A professional referral as the API takes it, a different person each time (so no two look like duplicates). */
export function apiReferral(i: number): string {
  return JSON.stringify(
    validJson({
      givenName: 'Bench',
      familyName: `Person ${i}`,
      dateOfBirth: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      nhsNumber: undefined,
    }),
  )
}

export async function apiReferralWrites(
  base: string,
  token: string,
  requests: number,
  warmup: number,
  connections: number,
): Promise<WriteRun> {
  const load = await runLoad({
    url: base,
    requests,
    warmup,
    connections,
    expect: [201],
    request: (i) => ({
      method: 'POST',
      path: '/api/v1/referrals',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: apiReferral(i),
    }),
  })
  return { load, written: warmup + (load.statuses['201'] ?? 0) }
}

/**
 * Cold RBA reads: each sample writes one referral through the API (which queues it for the report refresh, as any
 * change does), then times the first report read after it, which must bring the aggregates up to date first.
 */
export async function coldReports(
  base: string,
  token: string,
  cookie: string,
  path: string,
  samples: number,
  offset: number,
): Promise<{ samples: Latency; written: number; failures: string[] }> {
  const times: number[] = []
  const failures: string[] = []
  let written = 0
  for (let i = 0; i < samples; i++) {
    const write = await fetch(base + '/api/v1/referrals', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: apiReferral(offset + i),
    })
    await write.arrayBuffer()
    if (write.status === 201) written++
    else failures.push(`the referral write before a cold read answered ${write.status}`)
    const t0 = performance.now()
    const read = await fetch(base + path, { headers: { cookie } })
    await read.arrayBuffer()
    times.push(performance.now() - t0)
    if (read.status !== 200) failures.push(`a cold read answered ${read.status}`)
  }
  return { samples: latency(times), written, failures }
}
