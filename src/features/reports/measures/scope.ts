import { type Expression, type SqlBool, sql } from 'kysely'
import type { ReportContext } from '../modules.js'

/*
 * Whether a row belongs to a referral in the report's scope (issue 9). With a filter, its referral's or episode's
 * facts row must pass it. Without one (all of Wales) every referral is in scope, and the check is left out: it was a
 * join to all 1.25M referral facts for each measure at national size. That is exact because the report is built
 * just after the refresh, when every referral has its facts row (facts-sql.ts writes one per referral; an episode
 * belongs to exactly one referral, and `report_referral_facts.episode_id` is that episode) — so an episode id that
 * is not null, or any referral id of the facts tables, always has one.
 */

/** The row's episode (`column`, nullable) is one of the filtered referrals' episodes. */
export function episodeInScope(context: ReportContext, column: string): Expression<SqlBool> {
  return context.unfiltered
    ? sql<SqlBool>`${sql.ref(column)} is not null`
    : sql<SqlBool>`${sql.ref(column)} in (${context.facts().select('episode_id')})`
}

/** The row's referral (`column`, not null) is one of the filtered referrals. */
export function referralInScope(context: ReportContext, column: string): Expression<SqlBool> {
  return context.unfiltered ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} in (${context.facts().select('referral_id')})`
}

/**
 * The person (`column`) has one of the filtered referrals. Without a filter: any referral at all, answered by the
 * referrals' person index for the few rows a period holds, where `in (select person_id from facts)` hashed every
 * facts row (every referral has one, so the two are the same people).
 */
export function personInScope(context: ReportContext, column: string): Expression<SqlBool> {
  return context.unfiltered
    ? sql<SqlBool>`exists (select 1 from referrals r where r.person_id = ${sql.ref(column)})`
    : sql<SqlBool>`${sql.ref(column)} in (${context.facts().select('person_id')})`
}
