import type { FastifyInstance } from 'fastify'
import { makeReferral, userId } from '../triage/test-referrals.js'

/*
 * Test support for episodes: a referral to the Cardiff provider from the demo surgery's referrer (with the
 * person's consent to hear the outcome, unless told otherwise), accepted with an open episode held by the demo
 * practitioner, and (optionally) an open follow-up on it.
 */
export async function episodeFixture(
  app: FastifyInstance,
  options: { shareWithReferrer?: boolean; followUp?: boolean; withReferrer?: boolean } = {},
) {
  const db = app.deps.database.db
  const referral = await makeReferral(
    app,
    { shareOutcomeWithReferrer: options.shareWithReferrer === false ? 'no' : 'yes' },
    { withReferrer: options.withReferrer },
  )
  const practitioner = await userId(app, 'practitioner')
  await db
    .updateTable('referrals')
    .set({ status: 'accepted', allocated_practitioner_id: practitioner })
    .where('id', '=', referral.referralId)
    .execute()
  const episode = await db
    .insertInto('episodes')
    .values({
      person_id: referral.personId,
      referral_id: referral.referralId,
      organisation_id: referral.organisationId,
      practitioner_id: practitioner,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const followUp =
    options.followUp === false
      ? null
      : await db
          .insertInto('follow_ups')
          .values({
            person_id: referral.personId,
            episode_id: episode.id,
            organisation_id: referral.organisationId,
            kind: 'task',
            description: 'Ring about the walking group',
            due_on: '2030-01-01',
            assigned_to: practitioner,
            created_by: practitioner,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
  return { ...referral, practitioner, episodeId: episode.id, followUpId: followUp?.id ?? null }
}
