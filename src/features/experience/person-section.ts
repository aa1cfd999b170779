import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import { formatDate } from '../../platform/i18n/i18n.js'
import { isThemeCode, themeName } from '../directory/matching/themes.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { goalView } from '../plans/present.js'
import { sharedCurrentPlan } from '../plans/person-section.js'
import { closedEpisodesWithSurvey, invitationsOfPerson, ownWordsOf } from './repository.js'
import { barrierQuestions, PREFER_NOT, scaleQuestions } from './rules.js'
import { columns } from './summary.js'
import { personEpisodes, sharedRead } from '../person-record/page-reads.js'

/**
 * The person page's section for the person's voice (issue 6 §5): what they say has changed in their own words
 * (CDS #97), their plan's goals from first to last scores with the attainment at the end, and the experience
 * survey of each closed episode. Null when the user may not see it. Called inside the page's audited transaction.
 */
export async function experienceSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  const scope = { organisationId: person.organisation_id }
  if (!can(request.user, 'experience.view', scope)) return null
  const canRecord = can(request.user, 'experience.record', scope)
  const words = await sharedRead(trx, `ownWords:${person.id}`, () => ownWordsOf(trx, person.id))
  const plan = await sharedCurrentPlan(trx, person.id)
  const closed = (await personEpisodes(trx, person.id)).filter(
    (e) => e.status === 'closed' && e.organisation_id === person.organisation_id,
  )
  const surveys = await closedEpisodesWithSurvey(trx, closed, await invitationsOfPage(trx, person.id))
  const notice = (request.query as Record<string, unknown> | undefined)?.experience
  return {
    canRecord,
    notice: notice === 'recorded' ? notice : null,
    ownWords: words.map((w) => ({
      id: w.id,
      saidOn: w.said_on,
      words: w.words,
      occasion: w.occasion,
      theme: w.theme && isThemeCode(w.theme) ? themeName(w.theme, request.lang) : null,
      recordedBy: w.recorded_by_name,
    })),
    // Goal attainment read from the plans feature: first scores → last, and the attainment recorded at the end.
    goals: plan
      ? plan.plan.goals.map((g) => {
          const v = goalView(g)
          return { description: v.description, start: v.start, last: v.latest ?? v.start, attainment: v.attainment }
        })
      : [],
    planEnded: plan?.ended ?? false,
    surveys: surveys.map((s) => ({
      ...s,
      namedReply: s.namedReply && {
        received: s.namedReply.received_at,
        scales: scaleQuestions.map((q) => ({
          question: q.name,
          answer: `experience.scales.${q.scale}.${s.namedReply?.[columns[q.name]] ?? PREFER_NOT}`,
        })),
        barriers: barrierQuestions.map((q) => ({ question: q, kinds: s.namedReply?.[columns[q]] ?? [] })),
        services: s.namedReply.ratings.map((r) => ({
          name: request.lang === 'cy' && r.name_cy ? r.name_cy : r.name,
          answer: `experience.scales.satisfaction.${r.satisfaction ?? PREFER_NOT}`,
        })),
        comment: s.namedReply.comment,
      },
      // Answered once per closed episode: until a reply arrives the practitioner may send a new link (the first
      // expired, or the person lost it), which withdraws the old one.
      canSend: canRecord && !s.replied,
      sendAgain: Boolean(s.invitationId),
    })),
  }
}

/** The person's survey invitations, read once per view: the section shows its organisation's, the timeline all. */
const invitationsOfPage = (trx: Transaction<DB>, personId: string) =>
  sharedRead(trx, `experienceInvitations:${personId}`, () => invitationsOfPerson(trx, personId))

/** This feature's entries on the person's timeline: own words recorded and surveys sent (never a reply's content). */
export async function experienceTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'experience.view', { organisationId: person.organisation_id })) return []
  const words = await sharedRead(trx, `ownWords:${person.id}`, () => ownWordsOf(trx, person.id))
  const sent = await invitationsOfPage(trx, person.id)
  const href = `/people/${person.id}#experience`
  return [
    ...words.map((w) => ({
      at: w.created_at,
      text: request.t('experience.timeline.ownWords', { date: formatDate(w.said_on, request.lang) }),
      href,
    })),
    ...sent.map((s) => ({ at: s.created_at, text: request.t('experience.timeline.surveySent'), href })),
  ]
}
