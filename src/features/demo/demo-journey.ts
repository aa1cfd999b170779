import { type Kysely, sql } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { insertContact } from '../contacts/repository.js'
import { validateContact } from '../contacts/rules.js'
import { DEMO_ASSET_ORGANISATION } from '../directory/demo/load.js'
import { insertEvent } from '../episodes/repository.js'
import { addDays, scheduleFollowUp } from '../follow-ups/schedule.js'
import { currentPlan, insertPlanVersion, insertReview, reschedulePlanReview } from '../plans/repository.js'
import { validatePlan, validateReview } from '../plans/rules.js'
import { insertReferral, locate } from '../referrals/repository.js'
import { validateReferral } from '../referrals/referral-input.js'
import { todayInWales } from '../what-matters/dates.js'
import { insertConversation } from '../what-matters/repository.js'
import { validateConversation } from '../what-matters/rules.js'
import { DEMO_DOMAIN } from './demo-data.js'
import { journeyPeople, type JourneyPerson } from './demo-journey-people.js'
import { close, connect, type Context, DAY, healthcare, raiseConcern, valid } from './demo-journey-steps.js'

const LOADED = 'demo_data.load_journey'

const referrer = {
  referrerName: 'Dr Owen Referrer',
  referrerRole: 'GP',
  referrerOrganisationName: 'Heol y Bont Surgery',
  referrerContact: '029 2000 0001',
}

/**
 * The support-journey demo (issue 5): about fifteen more Cardiff people at every stage of the journey, for
 * Rhian (practitioner@), Siân (teamlead@) and nobody yet. Each record passes the validation the pages use and is
 * written by the features' own repository functions. Loaded once: a second call adds nothing. Returns how many
 * people it added.
 */
export async function loadDemoJourney(db: Kysely<DB>, now = new Date()): Promise<number> {
  if (await db.selectFrom('audit_events').select('id').where('action', '=', LOADED).limit(1).executeTakeFirst())
    return 0
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id'])
    .where('email', 'like', `%@${DEMO_DOMAIN}`)
    .execute()
  const byKey = new Map(users.map((u) => [u.email.split('@')[0] as string, u]))
  const practitioner = byKey.get('practitioner')
  if (!practitioner) return 0
  const services = await db
    .selectFrom('services as s')
    .innerJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .innerJoin('organisations as a', 'a.id', 'o.managed_by_organisation_id')
    .select(['s.id', 's.name', 'o.name as organisation_name', 'o.managed_by_organisation_id'])
    .where('a.name', '=', DEMO_ASSET_ORGANISATION)
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    // The journey's people live in Cardiff and the Vale: their nearest of the demo asset's services comes first.
    .orderBy(sql`s.name like 'Cardiff%'`, 'desc')
    .orderBy('s.name')
    .execute()
  let created = 0
  await db.transaction().execute(async (trx) => {
    const ctx: Context = {
      trx,
      now,
      today: todayInWales(now),
      organisationId: practitioner.organisation_id,
      users: byKey,
      services,
    }
    for (const person of journeyPeople) {
      await loadPerson(ctx, person)
      created++
    }
    await trx
      .insertInto('audit_events')
      .values({ action: LOADED, detail: JSON.stringify({ people: created }) })
      .execute()
  })
  return created
}

async function loadPerson(ctx: Context, p: JourneyPerson): Promise<void> {
  const { trx, now } = ctx
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const day = (days: number) => addDays(now, -days)
  const worker = p.owner ? (ctx.users.get(p.owner) ?? null) : null
  const workerId = worker?.id ?? null
  const referrerUser = p.fromReferrer ? ctx.users.get('referrer') : undefined

  // The referral, accepted the day after it came.
  const raw = {
    ...referrer,
    route: 'primary_care',
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    localAuthorityCode: 'W06000015',
    language: p.language,
    welshOfferMade: true,
    contactMethods: ['phone'],
    phone: '07700 900900',
    reasons: p.reasons,
    personAgreed: true,
    shareOutcomeWithReferrer: true,
  }
  const input = validateReferral(raw, 'professional', now)
  valid(`the referral of ${p.givenName}`, input)
  const place = await locate(trx, input.person.postcode, input.person.localAuthorityCode)
  const { referralId, personId } = await insertReferral(trx, {
    ...input,
    place,
    organisationId: ctx.organisationId,
    channel: 'professional_form',
    referrerUserId: referrerUser?.id ?? null,
    referrerOrganisationId: referrerUser?.organisation_id ?? null,
    consentMethod: 'via_referrer',
  })
  const triager = ctx.users.get('teamlead')?.id ?? null
  await trx
    .updateTable('referrals')
    .set({
      received_at: ago(p.daysAgo),
      status: 'accepted',
      triaged_at: ago(p.daysAgo - 1),
      triaged_by: triager,
      first_contact_at: ago(p.daysAgo - 1),
      allocated_practitioner_id: workerId,
    })
    .where('id', '=', referralId)
    .execute()
  await trx
    .insertInto('referral_contact_attempts')
    .values({
      referral_id: referralId,
      organisation_id: ctx.organisationId,
      attempted_at: ago(p.daysAgo - 1),
      mode: 'phone',
      successful: true,
      recorded_by: triager,
    })
    .execute()
  const startedAt = ago(p.daysAgo - 1)
  const episode = await trx
    .insertInto('episodes')
    .values({
      person_id: personId,
      referral_id: referralId,
      organisation_id: ctx.organisationId,
      practitioner_id: workerId,
      started_at: startedAt,
      level_of_support: p.level,
    })
    .returning(['id', 'person_id', 'organisation_id'])
    .executeTakeFirstOrThrow()
  if (p.level)
    await insertEvent(trx, { episode, kind: 'level_set', level: p.level, userId: workerId ?? triager, at: startedAt })
  const person = { id: personId, organisation_id: ctx.organisationId }
  const base = { personId, episodeId: episode.id, organisationId: ctx.organisationId, userId: workerId }

  if (p.whatMatters) {
    const w = p.whatMatters
    const form = valid(
      `What Matters with ${p.givenName}`,
      validateConversation(
        {
          heldOn: day(w.daysAgo),
          completed: 'yes',
          themes: w.themes,
          ownWords: w.ownWords,
          strengths: w.strengths,
          needsDomains: w.needs,
          confirmedReasons: p.reasons,
          settingPreference: w.setting,
          groupPreference: w.group,
          welshMedium: w.welsh,
          timesOfDay: w.times,
        },
        p.reasons,
        ctx.today,
      ),
    )
    await insertConversation(trx, { ...base, referralReasons: p.reasons, form: form.value })
  }

  if (p.healthcare) await healthcare(ctx, base, 'start', p.healthcare, day(p.daysAgo - 2))

  let planId: string | null = null
  if (p.plan) {
    const pl = p.plan
    const goals = pl.goals.map(([description, confidence, motivation]) => ({
      description,
      confidence: String(confidence),
      motivation: String(motivation),
    }))
    const form = valid(
      `the plan of ${p.givenName}`,
      validatePlan(
        {
          planOn: day(pl.daysAgo),
          reviewOn: addDays(now, pl.reviewIn),
          whatMatters: pl.whatMatters,
          howSupported:
            p.language === 'cy' ? 'Yn Gymraeg, wyneb yn wyneb.' : 'Face to face, with a phone call between meetings.',
          supportConnected: pl.supportConnected ?? '',
          selfActions: pl.selfActions,
          goals,
          coProduced: 'yes',
          agreed: 'yes',
          agreementMethod: 'verbal',
          agreedOn: day(pl.daysAgo),
        },
        [],
        ctx.today,
      ),
    )
    const plan = await insertPlanVersion(trx, { ...base, form: form.value })
    planId = plan.id
    await reschedulePlanReview(trx, { ...base, actionPlanId: plan.id, dueOn: form.value.reviewOn, reviewed: false })
  }

  if (p.connection) await connect(ctx, p, { ...base, person: person }, worker)

  if (p.review && planId) {
    const current = await currentPlan(trx, personId)
    if (!current) throw new Error('demo journey: no plan to review')
    const ids = current.plan.goals.map((g) => g.goalId)
    const scores = ids.map((goalId, i) => ({
      goalId,
      confidence: String(p.review?.scores[i]?.[0]),
      motivation: String(p.review?.scores[i]?.[1]),
    }))
    const form = valid(
      `the review of ${p.givenName}`,
      validateReview(
        {
          occasion: 'review',
          reviewedOn: day(p.review.daysAgo),
          nextReviewOn: addDays(now, p.review.nextIn),
          note: p.review.note,
          goals: scores,
        },
        { planOn: current.plan.plan_on, goalIds: ids },
        ctx.today,
      ),
    )
    await insertReview(trx, { plan: current.plan, form: form.value, userId: workerId })
    await reschedulePlanReview(trx, {
      ...base,
      actionPlanId: current.plan.id,
      dueOn: form.value.nextReviewOn,
      reviewed: true,
    })
  }

  for (const [daysAgo, mode, minutes, type, language, note, dna, barriers, withWhom] of p.contacts) {
    const at = new Date(now.getTime() - daysAgo * DAY - 3 * 3_600_000)
    const form = valid(
      `a contact with ${p.givenName}`,
      validateContact(
        {
          occurredAt: at.toISOString(),
          mode,
          duration: String(minutes),
          withWhom: withWhom ?? ['person'],
          type,
          language,
          didNotAttend: dna ? 'yes' : '',
          barriers: barriers ?? [],
          progressNote: note,
        },
        now,
      ),
    )
    await insertContact(trx, { ...base, form: form.value })
  }

  if (p.task)
    await scheduleFollowUp(trx, {
      ...base,
      kind: 'task',
      dueOn: addDays(now, p.task.dueIn),
      description: p.task.description,
      createdBy: workerId,
    })

  if (p.concern) await raiseConcern(ctx, person, workerId)

  if (p.close) await close(ctx, p, episode, base, planId)
}
