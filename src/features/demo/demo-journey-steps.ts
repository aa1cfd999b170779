import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { changeStatus, insertConnection } from '../connections/repository.js'
import type { ShareablePerson } from '../connections/forms.js'
import { saveHealthcareUse } from '../contacts/repository.js'
import { validateHealthcareUse } from '../contacts/healthcare.js'
import { closeEpisodeRow, insertEvent } from '../episodes/repository.js'
import { addDays, CONNECTION_FOLLOW_UP_DAYS, scheduleFollowUp } from '../follow-ups/schedule.js'
import { recordDisclosure } from '../information-sharing/record.js'
import { currentPlan, insertReview, reschedulePlanReview } from '../plans/repository.js'
import { validateReview } from '../plans/rules.js'
import { insertConcern } from '../safeguarding/repository.js'
import { validateConcern } from '../safeguarding/rules.js'
import type { JourneyPerson } from './demo-journey-people.js'

/*
 * The later steps of a demo person's journey (demo-journey.ts): healthcare use, a connection moved on by the asset,
 * a safeguarding concern, and closing with feedback to the referrer. Each goes through the feature's own validation
 * and repository functions, inside the demo loader's transaction.
 */

export const DAY = 86_400_000

/** Stops the demo loading with the feature's own verdict: a demo row that a page would refuse is a bug here. */
export function valid<T extends { errors: { field: string; key: string }[] }>(what: string, result: T): T {
  if (result.errors.length)
    throw new Error(`demo journey: ${what} is not valid: ${result.errors.map((e) => `${e.field} ${e.key}`).join(', ')}`)
  return result
}

export interface Context {
  trx: Transaction<DB>
  now: Date
  today: string
  organisationId: string
  users: Map<string, { id: string; organisation_id: string }>
  services: { id: string; name: string; organisation_name: string | null; managed_by_organisation_id: string | null }[]
}

export async function healthcare(
  ctx: Context,
  base: { personId: string; episodeId: string; organisationId: string; userId: string | null },
  occasion: 'start' | 'end',
  n: [number, number, number, number, number],
  askedOn: string,
) {
  const [gpAppointments, gpContacts, aeAttendances, emergencyCalls, otherServices] = n.map(String)
  const form = valid(
    'healthcare use',
    validateHealthcareUse({ occasion, gpAppointments, gpContacts, aeAttendances, emergencyCalls, otherServices }),
  )
  await saveHealthcareUse(ctx.trx, { ...base, form: form.value, askedOn, now: ctx.now })
}

/** A connection to the demo asset's first service, moved on by the asset as it would be in the portal, with its CF 6.1 follow-up. */
export async function connect(
  ctx: Context,
  p: JourneyPerson,
  base: {
    personId: string
    episodeId: string
    organisationId: string
    userId: string | null
    person: { id: string; organisation_id: string }
  },
  worker: { id: string } | null,
) {
  const c = p.connection
  const service = ctx.services[0]
  if (!c || !service) return
  const { trx } = ctx
  const made = new Date(ctx.now.getTime() - c.daysAgo * DAY)
  const consent = await trx
    .insertInto('consents')
    .values({
      person_id: base.personId,
      organisation_id: base.organisationId,
      scope: 'share_with_assets',
      given: true,
      method: 'verbal',
      recorded_by: worker?.id ?? null,
      recorded_at: new Date(made.getTime() - 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const shareable: ShareablePerson = await trx
    .selectFrom('people')
    .select([
      'given_name',
      'family_name',
      'date_of_birth',
      'phone',
      'email',
      'contact_methods',
      'contact_times',
      'language',
      'communication_needs',
      'interpreter_language',
    ])
    .where('id', '=', base.personId)
    .executeTakeFirstOrThrow()
  const referral = c.kind === 'referral'
  const connection = await insertConnection(trx, {
    person: { ...shareable, ...base.person },
    episodeId: base.episodeId,
    service,
    form: {
      serviceId: service.id,
      kind: c.kind,
      fields: referral ? ['name', 'language', 'contactMethods', 'ageBand'] : [],
      note: '',
      signpostFormat: referral ? null : 'email',
      signpostLanguage: referral ? null : p.language,
      travelMode: 'bus',
      distanceKm: null,
      suggestionId: null,
    },
    consentId: referral ? consent.id : null,
    userId: worker?.id ?? null,
    now: made,
    travel: { distanceKm: null, source: null },
  })
  const asset = ctx.users.get('asset')?.id ?? null
  for (const [to, after] of c.steps) {
    const moved = await changeStatus(trx, {
      connectionId: connection.id,
      to,
      side: 'asset',
      reason: null,
      weeks: null,
      note: null,
      userId: asset,
      now: new Date(made.getTime() + after * DAY),
    })
    if (!moved.check.ok) throw new Error(`demo journey: ${moved.from} → ${to} is not a lawful move`)
  }
  const dueOn = addDays(made, CONNECTION_FOLLOW_UP_DAYS)
  const followUp = await scheduleFollowUp(trx, {
    ...base,
    kind: 'connection',
    connectionId: connection.id,
    dueOn,
    createdBy: worker?.id ?? null,
  })
  if (c.followUpDone)
    await trx
      .updateTable('follow_ups')
      .set({
        status: 'done',
        completed_at: new Date(made.getTime() + CONNECTION_FOLLOW_UP_DAYS * DAY),
        completed_by: worker?.id ?? null,
      })
      .where('id', '=', followUp)
      .execute()
}

/** CF 2.4: a financial abuse concern, escalated to the local authority, and the disclosure that escalation was. */
export async function raiseConcern(
  ctx: Context,
  person: { id: string; organisation_id: string },
  userId: string | null,
) {
  const noticed = addDays(ctx.now, -8)
  const form = valid(
    'the safeguarding concern',
    validateConcern(
      {
        category: 'financial_or_material',
        about: 'adult',
        noticedOn: noticed,
        whatHappened:
          'Olivia said a relative keeps her bank card and takes money from her pension each week. She is worried about heating her home.',
        actionTaken:
          'Talked it through with Olivia, who agreed to a referral; discussed with the team lead the same day.',
        escalatedTo: 'local_authority',
        escalatedOn: addDays(ctx.now, -7),
        reference: 'CCC-ASG-20417',
      },
      ctx.today,
    ),
  )
  const concern = await insertConcern(ctx.trx, {
    person,
    form: form.value,
    userId,
    side: 'provider',
    now: new Date(ctx.now.getTime() - 8 * DAY),
  })
  const shared = await recordDisclosure(ctx.trx, {
    person,
    recipientKind: 'agency',
    sharedWithName: 'Cardiff Council Adult Safeguarding',
    fields: ['name', 'contact_details', 'address'],
    sharedDetail: 'What Olivia told us about her bank card and pension.',
    purpose: 'recorded_disclosure',
    purposeNote: 'Adult safeguarding referral',
    basis: 'safeguarding_duty',
    concernId: concern.id,
    sharedBy: userId,
    sharedAt: new Date(ctx.now.getTime() - 7 * DAY),
  })
  if (!shared.ok) throw new Error(`demo journey: the safeguarding disclosure was refused: ${shared.problem}`)
}

/** Ends the plan with attainment, closes the episode and, when the person agreed, logs the feedback to the referrer (CF 3.1). */
export async function close(
  ctx: Context,
  p: JourneyPerson,
  episode: { id: string; person_id: string; organisation_id: string },
  base: { personId: string; episodeId: string; organisationId: string; userId: string | null },
  planId: string | null,
) {
  const c = p.close
  if (!c) return
  const { trx } = ctx
  const at = new Date(ctx.now.getTime() - c.daysAgo * DAY)
  if (planId && c.attainment) {
    const current = await currentPlan(trx, episode.person_id)
    if (!current) throw new Error('demo journey: no plan to end')
    const ids = current.plan.goals.map((g) => g.goalId)
    const goals = ids.map((goalId, i) => ({ goalId, attainment: c.attainment?.[i] }))
    const form = valid(
      `the end of ${p.givenName}'s plan`,
      validateReview(
        { occasion: 'end', reviewedOn: addDays(ctx.now, -c.daysAgo), goals },
        { planOn: current.plan.plan_on, goalIds: ids },
        ctx.today,
      ),
    )
    await insertReview(trx, { plan: current.plan, form: form.value, userId: base.userId })
    await reschedulePlanReview(trx, { ...base, actionPlanId: current.plan.id, dueOn: null, reviewed: true })
  }
  if (c.healthcareEnd) await healthcare(ctx, base, 'end', c.healthcareEnd, addDays(ctx.now, -c.daysAgo))
  await closeEpisodeRow(trx, {
    episodeId: episode.id,
    reason: c.reason,
    summary: c.summary,
    userId: base.userId,
    now: at,
  })
  await insertEvent(trx, { episode, kind: 'closed', closingReason: c.reason, userId: base.userId, at })
  if (!c.feedback) return
  const referral = await trx
    .selectFrom('episodes as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .select(['r.id', 'r.referrer_organisation_id', 'r.referrer_organisation_name', 'r.referrer_user_id'])
    .where('e.id', '=', episode.id)
    .executeTakeFirstOrThrow()
  const shared = await recordDisclosure(trx, {
    person: { id: episode.person_id, organisation_id: episode.organisation_id },
    recipientKind: 'referrer',
    sharedWithName: referral.referrer_organisation_name ?? 'Referrer',
    sharedWithOrganisationId: referral.referrer_organisation_id,
    fields: ['outcome', 'summary'],
    purpose: 'feedback_to_referrer',
    basis: 'consent',
    consentScope: 'share_with_referrer',
    sharedBy: base.userId,
    sharedAt: at,
  })
  if (!shared.ok) throw new Error(`demo journey: feedback to the referrer was refused: ${shared.problem}`)
  // As closing does: the referrer's notification (the notifier only logs it, so nothing is sent from the demo).
  await trx
    .insertInto('notifications')
    .values({
      organisation_id: episode.organisation_id,
      referral_id: referral.id,
      recipient_user_id: referral.referrer_user_id,
      kind: 'episode.feedback',
      created_at: at,
    })
    .execute()
  await trx.updateTable('episodes').set({ feedback_sent_at: at }).where('id', '=', episode.id).execute()
  await insertEvent(trx, { episode, kind: 'feedback_sent', userId: base.userId, at })
}
