import type { FastifyInstance } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, text } from '../admin/fields.js'
import { ownCaseload, teamCaseload } from './caseload.js'
import type { CaseloadCounts, CaseloadItem } from './present.js'
import { loadEpisodeToReallocate, reallocateEpisode } from './reallocate.js'
import { stages } from './stage.js'

const tags = ['Caseload']
const uuid = { type: 'string', format: 'uuid' } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const

const countsSchema = {
  type: 'object',
  properties: {
    active: { type: 'integer', description: 'Open episodes' },
    overdue: { type: 'integer', description: 'People with at least one overdue follow-up' },
    dueThisWeek: { type: 'integer', description: 'People with a follow-up due today or in the next six days' },
  },
  required: ['active', 'overdue', 'dueThisWeek'],
} as const

const itemSchema = {
  type: 'object',
  properties: {
    episodeId: uuid,
    personId: uuid,
    practitionerId: { type: ['string', 'null'], format: 'uuid' },
    name: { type: 'string' },
    stage: { type: 'string', enum: [...stages], description: 'Worked out from what is recorded (docs/caseload.md)' },
    stageText: { type: 'string' },
    nextAction: {
      type: 'string',
      description: 'The earliest open follow-up, or the stage’s next step, in the response’s language',
    },
    nextDue: { type: ['string', 'null'], format: 'date' },
    overdue: { type: 'boolean' },
    daysSinceReferral: { type: 'integer' },
    levelOfSupport: { type: ['string', 'null'], enum: ['signposting', 'short_term', 'holistic', null] },
    lastContact: { type: ['string', 'null'], format: 'date-time', description: 'The latest contact that took place (missed ones do not count); null when there is none' },
  },
  required: ['episodeId', 'personId', 'name', 'stage', 'nextAction', 'overdue', 'daysSinceReferral'],
} as const

const itemJson = (i: CaseloadItem) => ({
  episodeId: i.episodeId,
  personId: i.personId,
  practitionerId: i.practitionerId,
  name: i.name,
  stage: i.stage,
  stageText: i.stageText,
  nextAction: i.nextAction,
  nextDue: i.nextDue,
  overdue: i.overdue,
  daysSinceReferral: i.daysSinceReferral,
  levelOfSupport: i.levelOfSupport,
  lastContact: i.lastContact ? i.lastContact.toISOString() : null,
})
const caseloadJson = (items: CaseloadItem[], counts: CaseloadCounts) => ({ counts, items: items.map(itemJson) })

/** The caseload as JSON (issue 5 §2, §12): one's own, the team's, and moving an episode to another practitioner. */
export async function caseloadApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/caseload',
    {
      config: { action: 'caseload.view' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'The signed-in practitioner’s caseload: open episodes, overdue first, then by next due date, then longest since referral',
        response: {
          200: {
            type: 'object',
            properties: { counts: countsSchema, items: { type: 'array', items: itemSchema } },
            required: ['counts', 'items'],
          },
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const caseload = await ownCaseload(app, request)
      return caseloadJson(caseload.items, caseload.counts)
    },
  )

  app.get(
    '/api/v1/caseload/team',
    {
      config: { action: 'caseload.team.view' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'A team lead’s view: every practitioner’s caseload, the unallocated open episodes, and referrals waiting in triage',
        response: {
          200: {
            type: 'object',
            properties: {
              counts: countsSchema,
              practitioners: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: uuid,
                    name: { type: 'string' },
                    practitioner: { type: 'boolean' },
                    counts: countsSchema,
                    items: { type: 'array', items: itemSchema },
                  },
                  required: ['id', 'name', 'counts', 'items'],
                },
              },
              unallocated: { type: 'array', items: itemSchema },
              awaitingTriage: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    referralId: uuid,
                    reference: { type: 'string' },
                    name: { type: 'string' },
                    receivedAt: { type: 'string', format: 'date-time' },
                    ageDays: { type: 'integer' },
                    urgency: { type: 'string' },
                    crisis: { type: 'boolean' },
                  },
                },
              },
            },
            required: ['counts', 'practitioners', 'unallocated', 'awaitingTriage'],
          },
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const team = await teamCaseload(app, request)
      return {
        counts: team.counts,
        practitioners: team.members.map((m) => ({
          id: m.id,
          name: m.name,
          practitioner: m.practitioner,
          ...caseloadJson(m.items, m.counts),
        })),
        unallocated: team.unallocated.map(itemJson),
        awaitingTriage: team.awaitingTriage.map((r) => ({
          referralId: r.id,
          reference: r.reference,
          name: r.name,
          receivedAt: r.receivedAt.toISOString(),
          ageDays: r.ageDays,
          urgency: r.urgency,
          crisis: r.crisis,
        })),
      }
    },
  )

  app.post(
    '/api/v1/caseload/team/reallocations',
    {
      config: { action: 'episodes.reallocate' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'Move an open episode, its referral’s allocation and its open follow-ups to another practitioner of the organisation',
        description:
          '422 `validation_failed` when the practitioner is not an active practitioner of the episode’s organisation or already holds it; 409 `changed` when someone moved or closed it meanwhile.',
        body: {
          type: 'object',
          properties: { episodeId: uuid, practitionerId: uuid },
          required: ['episodeId', 'practitionerId'],
        },
        response: {
          200: {
            type: 'object',
            properties: { episodeId: uuid, practitionerId: uuid, movedFollowUps: { type: 'integer' } },
          },
          409: problemSchema,
          422: problemSchema,
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const raw =
        request.body && typeof request.body === 'object' && !Array.isArray(request.body)
          ? (request.body as Record<string, unknown>)
          : {}
      const episode = await loadEpisodeToReallocate(app, request, text(raw.episodeId), 'not_found')
      const outcome = await reallocateEpisode(app, request, episode, raw)
      if (!outcome.ok) {
        if (outcome.problem === 'validation')
          return sendProblem(request, reply, 422, 'validation_failed', request.t('caseload.api.invalid'), {
            errors: apiErrors(request.t, outcome.errors),
          })
        return sendProblem(request, reply, 409, 'changed', request.t('caseload.errors.changed'))
      }
      return { episodeId: episode.id, practitionerId: text(raw.practitionerId), movedFollowUps: outcome.movedFollowUps }
    },
  )
}
