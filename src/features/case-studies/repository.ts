import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { CaseStudyForm, ConsentForm } from './rules.js'
import type { CaseStudyEventKind, CaseStudyStatus, ChecklistItem, Perspective } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

async function addEvent(trx: Db, caseStudyId: string, kind: CaseStudyEventKind, userId: string | null, now: Date) {
  await trx
    .insertInto('case_study_events')
    .values({ case_study_id: caseStudyId, kind, actor_user_id: userId, at: now })
    .execute()
}

async function setServices(trx: Db, caseStudyId: string, serviceIds: string[]) {
  await trx.deleteFrom('case_study_services').where('case_study_id', '=', caseStudyId).execute()
  if (serviceIds.length > 0)
    await trx
      .insertInto('case_study_services')
      .values(serviceIds.map((service_id) => ({ case_study_id: caseStudyId, service_id })))
      .execute()
}

const storyColumns = (form: CaseStudyForm) => ({
  title: form.title,
  perspective: form.perspective,
  what_mattered: form.whatMattered,
  support: form.support,
  what_changed: form.whatChanged,
  person_id: form.personId,
  period_from: form.periodFrom,
  period_to: form.periodTo,
  tags: form.tags,
  themes: form.themes,
})

/** Writes a new draft, its services and its "created" event. Call inside the audited transaction. */
export async function insertCaseStudy(
  trx: Transaction<DB>,
  c: { organisationId: string; authorId: string; form: CaseStudyForm; now: Date },
): Promise<string> {
  const row = await trx
    .insertInto('case_studies')
    .values({
      organisation_id: c.organisationId,
      author_id: c.authorId,
      ...storyColumns(c.form),
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await setServices(trx, row.id, c.form.serviceIds)
  await addEvent(trx, row.id, 'created', c.authorId, c.now)
  return row.id
}

/**
 * Replaces the story. When it had been checked or signed off, the check no longer holds for the new words: the
 * status goes back to draft and the checklist and sign-off are cleared ("check_reset" in the history).
 */
export async function updateCaseStudy(
  trx: Transaction<DB>,
  id: string,
  form: CaseStudyForm,
  userId: string,
  now: Date,
  resetCheck: boolean,
): Promise<void> {
  await trx
    .updateTable('case_studies')
    .set({
      ...storyColumns(form),
      updated_at: now,
      ...(resetCheck
        ? {
            status: 'draft' as const,
            checklist: [],
            check_completed_by: null,
            check_completed_at: null,
            approved_by: null,
            approved_at: null,
          }
        : {}),
    })
    .where('id', '=', id)
    .execute()
  await setServices(trx, id, form.serviceIds)
  await addEvent(trx, id, 'edited', userId, now)
  if (resetCheck) await addEvent(trx, id, 'check_reset', userId, now)
}

export async function completeCheck(
  trx: Transaction<DB>,
  id: string,
  checklist: ChecklistItem[],
  userId: string,
  now: Date,
) {
  await trx
    .updateTable('case_studies')
    .set({ status: 'awaiting_check', checklist, check_completed_by: userId, check_completed_at: now, updated_at: now })
    .where('id', '=', id)
    .execute()
  await addEvent(trx, id, 'check_completed', userId, now)
}

export async function approveCaseStudy(trx: Transaction<DB>, id: string, userId: string, now: Date) {
  await trx
    .updateTable('case_studies')
    .set({ status: 'approved', approved_by: userId, approved_at: now, updated_at: now })
    .where('id', '=', id)
    .execute()
  await addEvent(trx, id, 'approved', userId, now)
}

export async function recordConsent(trx: Transaction<DB>, id: string, consent: ConsentForm, userId: string, now: Date) {
  await trx
    .updateTable('case_studies')
    .set({
      consent_given_on: consent.givenOn,
      consent_method: consent.method,
      consent_scope: consent.scope,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute()
  await addEvent(trx, id, 'consent_recorded', userId, now)
}

/** The person withdrew their consent: the story is withdrawn and can never leave the organisation again. */
export async function withdrawConsent(trx: Transaction<DB>, id: string, on: string, userId: string, now: Date) {
  await trx
    .updateTable('case_studies')
    .set({ consent_withdrawn_on: on, status: 'withdrawn', updated_at: now })
    .where('id', '=', id)
    .execute()
  await addEvent(trx, id, 'consent_withdrawn', userId, now)
}

/** One case study with its author, who signed it off, and the linked person's identifiers for the screen. */
export function findCaseStudy(db: Db, id: string) {
  return db
    .selectFrom('case_studies as c')
    .innerJoin('users as a', 'a.id', 'c.author_id')
    .leftJoin('users as s', 's.id', 'c.approved_by')
    .leftJoin('users as k', 'k.id', 'c.check_completed_by')
    .leftJoin('people as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select([
      'a.name as author_name',
      's.name as approved_by_name',
      'k.name as check_completed_by_name',
      'p.given_name',
      'p.family_name',
      'p.postcode',
      'p.nhs_number',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst()
}

export type CaseStudyRow = NonNullable<Awaited<ReturnType<typeof findCaseStudy>>>

export async function caseStudyDetail(db: Db, id: string) {
  const [services, events] = await Promise.all([
    db
      .selectFrom('case_study_services as x')
      .innerJoin('services as v', 'v.id', 'x.service_id')
      .select(['v.id', 'v.name', 'v.name_cy'])
      .where('x.case_study_id', '=', id)
      .orderBy('v.name')
      .execute(),
    db
      .selectFrom('case_study_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select(['e.id', 'e.kind', 'e.at', 'u.name as actor_name'])
      .where('e.case_study_id', '=', id)
      .orderBy('e.at')
      .execute(),
  ])
  // Changes made in one request share a time: they read in the order they were made.
  const rank: Record<CaseStudyEventKind, number> = {
    created: 0,
    edited: 1,
    check_reset: 2,
    consent_recorded: 3,
    check_completed: 4,
    approved: 5,
    consent_withdrawn: 6,
  }
  events.sort((x, y) => x.at.getTime() - y.at.getTime() || rank[x.kind] - rank[y.kind])
  return { services, events }
}

export interface CaseStudyFilters {
  perspective?: Perspective
  /** A free tag or a What Matters theme code. */
  tag?: string
  status?: CaseStudyStatus
}

/** The organisation's case studies, most recently changed first, filtered by perspective, tag or theme, status. */
export function listCaseStudies(db: Db, organisationId: string, f: CaseStudyFilters) {
  return db
    .selectFrom('case_studies as c')
    .innerJoin('users as a', 'a.id', 'c.author_id')
    .select([
      'c.id',
      'c.title',
      'c.perspective',
      'c.status',
      'c.tags',
      'c.themes',
      'c.person_id',
      'c.consent_scope',
      'c.consent_withdrawn_on',
      'c.updated_at',
      'a.name as author_name',
    ])
    .where('c.organisation_id', '=', organisationId)
    .$if(f.perspective !== undefined, (q) => q.where('c.perspective', '=', f.perspective as Perspective))
    .$if(f.status !== undefined, (q) => q.where('c.status', '=', f.status as CaseStudyStatus))
    .$if(f.tag !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb(sql.val(f.tag as string), '=', eb.fn.any('c.tags')),
          eb(sql.val(f.tag as string), '=', eb.fn.any('c.themes')),
        ]),
      ),
    )
    .orderBy('c.updated_at', 'desc')
    .limit(500)
    .execute()
}

/** The free tags the organisation has used, for the list's filter. */
export async function tagsInUse(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_studies as c')
    .select(sql<string>`unnest(c.tags)`.as('tag'))
    .where('c.organisation_id', '=', organisationId)
    .distinct()
    .execute()
  return rows.map((r) => r.tag).sort((x, y) => x.localeCompare(y))
}

/** The people a practitioner may link a story to from the form: those on their caseload, and the one linked already. */
export function peopleToLink(db: Db, organisationId: string, userId: string, linked: string | null) {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where('p.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('episodes as e')
            .select('e.id')
            .whereRef('e.person_id', '=', 'p.id')
            .where('e.practitioner_id', '=', userId),
        ),
        ...(linked ? [eb('p.id', '=', linked)] : []),
      ]),
    )
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .limit(300)
    .execute()
}

/** The services a linked person was connected to, offered as the services involved, with any already chosen. */
export function servicesToLink(db: Db, personId: string | null, chosen: string[]) {
  return db
    .selectFrom('services as v')
    .select(['v.id', 'v.name', 'v.name_cy'])
    .where((eb) =>
      eb.or([
        ...(personId
          ? [
              eb.exists(
                eb
                  .selectFrom('connections as n')
                  .select('n.id')
                  .whereRef('n.service_id', '=', 'v.id')
                  .where('n.person_id', '=', personId),
              ),
            ]
          : []),
        ...(chosen.length > 0 ? [eb('v.id', 'in', chosen)] : []),
        ...(personId || chosen.length > 0 ? [] : [sql<boolean>`false`]),
      ]),
    )
    .orderBy('v.name')
    .execute()
}

/** Which of these service ids are in the directory. */
export async function knownServices(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('services as v').select('v.id').where('v.id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

/** The person, when they belong to the organisation (a story links only to its own organisation's people). */
export function personOfOrganisation(db: Db, personId: string, organisationId: string) {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.postcode', 'p.nhs_number'])
    .where('p.id', '=', personId)
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirst()
}
