import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type FieldError, queryValue, summaryErrors } from '../admin/fields.js'
import { themeName, themes } from '../directory/matching/themes.js'
import { loadGuardedPerson } from '../person-record/access.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { dayValues, todayInWales } from '../what-matters/dates.js'
import { experienceApi } from './api.js'
import { readSummary, recordOwnWords, sendSurvey, surveyUrl } from './record.js'
import { barrierKinds, satisfactionScale, scaleQuestions } from './rules.js'
import { ownWordsOccasions } from './schema.js'
import { periodOf } from './summary.js'
import { surveyPages } from './survey.js'
import { dateTimeFormat } from '../../platform/i18n/formats.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

const views = 'features/experience/views'

const monthName = (month: string, lang: 'cy' | 'en') =>
  dateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}T00:00:00Z`))

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

function renderOwnWords(
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: { values: Record<string, unknown>; errors: FieldError[] },
  status = 200,
) {
  return reply.code(status).view(`${views}/own-words.njk`, {
    title: request.t('experience.ownWords.title'),
    person,
    values: state.values,
    saidOn: dayValues(state.values, 'saidOn'),
    themes: themes.map((th) => ({ code: th.code, name: themeName(th.code, request.lang) })),
    occasions: ownWordsOccasions,
    errors: summaryErrors(request.t, state.errors),
  })
}

/** The person's voice (issue 6 §5): own-words outcomes, the experience survey and its results. */
export async function experienceRoutes(app: FastifyInstance): Promise<void> {
  app.get('/people/:id/own-words', { config: { action: 'experience.record' } }, async (request, reply) => {
    const person = await loadGuardedPerson(app, request, 'experience.record', 'own_words.record')
    return renderOwnWords(request, reply, person, { values: { saidOn: todayInWales(new Date()) }, errors: [] })
  })

  app.post('/people/:id/own-words', { config: { action: 'experience.record' } }, async (request, reply) => {
    const person = await loadGuardedPerson(app, request, 'experience.record', 'own_words.record')
    const body = bodyOf(request)
    const outcome = await recordOwnWords(app, request, person, body)
    if (!outcome.ok) return renderOwnWords(request, reply, person, { values: body, errors: outcome.errors }, 400)
    return reply.redirect(`/people/${person.id}?experience=recorded#experience`, 303)
  })

  app.post('/people/:id/experience-surveys', { config: { action: 'experience.record' } }, async (request, reply) => {
    const person = await loadGuardedPerson(app, request, 'experience.record', 'experience_survey.send')
    const outcome = await sendSurvey(app, request, person, bodyOf(request).episodeId)
    if (!outcome.ok)
      return reply.code(outcome.problem === 'episode_not_found' ? 404 : 409).view(`${views}/sent.njk`, {
        title: request.t('experience.sent.notSentTitle'),
        person,
        problem: outcome.problem,
      })
    // Shown once, in this response only: the page is not cached and the token is never stored or logged.
    showsSecretOnce(reply)
    return reply.code(201).view(`${views}/sent.njk`, {
      title: request.t('experience.sent.title'),
      person,
      url: surveyUrl(request, outcome.token),
      expiresAt: outcome.expiresAt,
      language: person.language === 'cy' ? 'cy' : 'en',
    })
  })

  app.get('/experience', { config: { action: 'experience.view' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const raw = { from: queryValue(query.from), to: queryValue(query.to) }
    const period = periodOf({ from: raw.from || undefined, to: raw.to || undefined }, todayInWales(new Date()))
    const errors = period.ok ? [] : [{ field: period.field, key: period.key }]
    const summary = period.ok ? await readSummary(app, request, period) : null
    return reply.code(period.ok ? 200 : 400).view(`${views}/summary.njk`, {
      title: request.t('experience.summary.title'),
      values: period.ok ? { from: period.from.slice(0, 7), to: period.to.slice(0, 7) } : raw,
      summary: summary && {
        ...summary,
        // Replies keep only their month, so a comment is dated by its month.
        comments: summary.comments.map((c) => ({ ...c, month: monthName(c.month, request.lang) })),
      },
      scaleQuestions,
      points: satisfactionScale,
      barrierKinds: [...barrierKinds, 'none'],
      errors: summaryErrors(request.t, errors),
    })
  })

  await surveyPages(app)
  await experienceApi(app)
}
