/**
 * The RBA report's content and time for several filters (issue 9, the cold report): all of Wales, the provider with
 * the most referrals, the local authority with the most, a demographic filter (age band 65-74), the last month of
 * the data for all of Wales, and one provider with a demographic filter. Run against a synthetic database:
 *
 *   DATABASE_URL=postgres://…/cyswllt_x npx tsx bench/report-compare.ts report /tmp/reports.json
 *   DATABASE_URL=postgres://…/cyswllt_x npx tsx bench/report-compare.ts profile
 *
 * `report` builds each report without the cache (audience `organisation`, so no number is suppressed), times it,
 * and writes every report (less `refreshedAt`) to the file: run it with two versions of the code and compare the
 * files byte for byte. `profile` times each measure module (each of its parts, where it has them) and the equity
 * tables on their own, per filter, one after another on one connection (PROFILE_MONTHS=1: with every month part
 * kept). `months` times a build with month parts
 * (ADR 0019): the first, with every month computed, and one after a change to a referral of the last month.
 * `changes` times builds after changes in several months (ADR 0020; CHANGE_MONTHS chooses them).
 */
import { writeFileSync } from 'node:fs'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { equityTables } from '../src/features/reports/engine/equity.js'
import { buildReport, monthPartsOf, reportContext } from '../src/features/reports/engine/report.js'
import { measureModules } from '../src/features/reports/measures/index.js'
import type { ReportContext } from '../src/features/reports/modules.js'
import type { ReportFilter } from '../src/features/reports/contract.js'

const [command, out] = process.argv.slice(2)
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '/tmp/report-compare' })
const db = database.db
const log = (line: string) => process.stderr.write(`${line}\n`)

async function filters(): Promise<Record<string, ReportFilter>> {
  const top = async (column: string) =>
    (
      await sql<{ code: string }>`select ${sql.ref(column)}::text as code from report_referral_facts
        where ${sql.ref(column)} is not null group by 1 order by count(*) desc, 1 limit 1`.execute(db)
    ).rows[0]?.code ?? 'none'
  const last = (await sql<{ to: string }>`select max(received_on)::text as "to" from report_referral_facts`.execute(db)).rows[0]?.to ?? '2026-11-30'
  const year = new Date(`${last}T00:00:00Z`)
  year.setUTCFullYear(year.getUTCFullYear() - 1)
  year.setUTCDate(year.getUTCDate() + 1)
  const from = year.toISOString().slice(0, 10)
  const provider = await top('organisation_id')
  return {
    wales: { from, to: last, where: {} },
    provider: { from, to: last, where: { organisation: [provider] } },
    local_authority: { from, to: last, where: { local_authority: [await top('local_authority_code')] } },
    age_band: { from, to: last, where: { age_band: ['65-74'] } },
    month: { from: `${last.slice(0, 7)}-01`, to: last, where: {} },
    provider_sex: { from, to: last, where: { organisation: [provider], sex: ['female'] } },
  }
}

// REPORT_FILTERS=wales,month limits a run to some of them.
const only = process.env.REPORT_FILTERS?.split(',')
const all = Object.fromEntries(Object.entries(await filters()).filter(([name]) => !only || only.includes(name)))
if (command === 'report') {
  const reports: Record<string, unknown> = {}
  for (const [name, filter] of Object.entries(all)) {
    const started = performance.now()
    const built = await buildReport(db, filter, 'organisation')
    log(`${name}: ${(performance.now() - started).toFixed(0)} ms (${JSON.stringify(filter)})`)
    reports[name] = { ...built, refreshedAt: undefined }
  }
  if (out) writeFileSync(out, JSON.stringify(reports, null, 1))
} else if (command === 'profile') {
  // PROFILE_MONTHS=1: with month parts (ADR 0019), every month computed once untimed first, so the times are those of
  // a build after a change outside the period (what is left to read when every month is kept). PROFILE_MONTHS=first:
  // with month parts, none kept (a server's first build). PROFILE_MONTHS=last: every month kept but the period's last,
  // as after a change in it.
  const { MonthCache } = await import('../src/features/reports/engine/months.js')
  for (const [name, filter] of Object.entries(all)) {
    const months = process.env.PROFILE_MONTHS ? await monthPartsOf(db, new MonthCache(), filter, 'months') : undefined
    let context: ReportContext = reportContext(db, filter, months)
    if (months && process.env.PROFILE_MONTHS !== 'first') {
      for (const module of measureModules) for (const part of module.parts ?? [module.compute]) await part(context)
      await equityTables(context)
    }
    if (months && process.env.PROFILE_MONTHS === 'last') {
      // Every table of the last month moved: each of its statements is computed again.
      const versions = new Map(months.versions)
      versions.set(`${filter.to.slice(0, 7)}-01`, new Map())
      context = reportContext(db, filter, { ...months, versions })
    }
    const parts: string[] = []
    let total = 0
    for (const module of measureModules) {
      // A module's parts (the build's tasks, engine/lanes.ts) one by one, numbered after its name.
      for (const [i, part] of (module.parts ?? [module.compute]).entries()) {
        const started = performance.now()
        await part(context)
        const ms = performance.now() - started
        total += ms
        parts.push(`${module.name}${module.parts ? `.${i + 1}` : ''} ${ms.toFixed(0)}`)
      }
    }
    const started = performance.now()
    await equityTables(context)
    const ms = performance.now() - started
    parts.push(`equity ${ms.toFixed(0)}`)
    log(`${name}: ${(total + ms).toFixed(0)} ms — ${parts.join(', ')}`)
  }
} else if (command === 'months') {
  // Month parts (ADR 0019): each report built with a cache of its own, as a server's first build after it starts
  // (every month computed); then one referral received in the period's last month is queued again, as a change to it
  // would, and the report is built again with the same cache (only the months its facts have dates in are computed).
  // Both are checked against a build without a cache, after it.
  const { ReportCache } = await import('../src/features/reports/engine/cache.js')
  const same = (a: unknown, b: unknown) => JSON.stringify({ ...(a as object), refreshedAt: undefined }) === JSON.stringify({ ...(b as object), refreshedAt: undefined })
  for (const [name, filter] of Object.entries(all)) {
    const cache = new ReportCache()
    let started = performance.now()
    const first = await buildReport(db, filter, 'organisation', cache)
    const firstMs = performance.now() - started
    const firstMonths = cache.months.computed
    const changed = await sql<{ id: string; received: string }>`select referral_id as id, received_on::text as received
      from report_referral_facts where received_on between ${`${filter.to.slice(0, 7)}-01`}::date and ${filter.to}::date
      order by referral_id limit 1`.execute(db)
    await sql`insert into report_dirty_referrals (referral_id) values (${changed.rows[0]?.id ?? null}) on conflict do nothing`.execute(db)
    started = performance.now()
    const after = await buildReport(db, filter, 'organisation', cache)
    const afterMs = performance.now() - started
    const whole = await buildReport(db, filter, 'organisation')
    log(
      `${name}: first build ${firstMs.toFixed(0)} ms (${firstMonths} month parts); after a change to a referral of ` +
        `${changed.rows[0]?.received} ${afterMs.toFixed(0)} ms (${cache.months.computed - firstMonths} month parts); ` +
        `same as without a cache: ${same(first, whole) && same(after, whole)}`,
    )
  }
} else if (command === 'changes') {
  // A change inside the period costs the months it touches (ADR 0020). One cache, a first build, then for each month
  // of CHANGE_MONTHS (YYYY-MM-01, comma-separated; by default the period's last month, a month in its middle and the
  // month after it) one referral received in it is queued again, as a change to it would be, and the report is built
  // again: how long, and how many month parts it computed. A month with no referral moves the data version only.
  const { ReportCache } = await import('../src/features/reports/engine/cache.js')
  for (const [name, filter] of Object.entries(all)) {
    const cache = new ReportCache()
    let started = performance.now()
    await buildReport(db, filter, 'organisation', cache)
    log(`${name}: first build ${(performance.now() - started).toFixed(0)} ms (${cache.months.computed} month parts)`)
    const after = new Date(`${filter.to.slice(0, 7)}-01T00:00:00Z`)
    after.setUTCMonth(after.getUTCMonth() + 1)
    const middle = new Date(`${filter.to.slice(0, 7)}-01T00:00:00Z`)
    middle.setUTCMonth(middle.getUTCMonth() - 5)
    const months = process.env.CHANGE_MONTHS?.split(',') ?? [`${filter.to.slice(0, 7)}-01`, middle.toISOString().slice(0, 10), after.toISOString().slice(0, 10)]
    // CHANGE_KIND=contact (the default): a practitioner records a contact on the 15th of the month, with an episode
    // open then whose contacts span the most months (the worst case for the refresh); the contacts are deleted again
    // at the end. CHANGE_KIND=requeue: a referral received in the month is queued again with nothing changed.
    const contact = (process.env.CHANGE_KIND ?? 'contact') === 'contact'
    const added: string[] = []
    for (const month of months) {
      const day = `${month.slice(0, 7)}-15`
      const found = contact
        ? await sql<{ id: string; episode_id: string; person_id: string; organisation_id: string }>`
            select f.referral_id as id, f.episode_id, f.person_id, f.organisation_id from report_referral_facts f
            where f.episode_id is not null and f.episode_started_on <= ${day}::date
              and (f.episode_ended_on is null or f.episode_ended_on >= ${day}::date)
              and f.episode_started_on >= ${day}::date - 120
            order by f.contacts_attended desc, f.referral_id limit 1`.execute(db)
        : await sql<{ id: string; episode_id: string; person_id: string; organisation_id: string }>`
            select referral_id as id, episode_id, person_id, organisation_id from report_referral_facts
            where received_on between ${month}::date and (${month}::date + interval '1 month' - interval '1 day')::date
              and episode_id is not null
            order by referral_id limit 1`.execute(db)
      const row = found.rows[0]
      if (row && contact) {
        const inserted = await sql<{ id: string }>`insert into support_contacts (person_id, episode_id, organisation_id,
            occurred_at, mode, duration_minutes, with_whom, contact_type, did_not_attend, language)
          values (${row.person_id}, ${row.episode_id}, ${row.organisation_id}, ${`${day}T10:00:00Z`}, 'phone', 20,
            array['person'], 'follow_up', false, 'en') returning id`.execute(db)
        added.push(inserted.rows[0]?.id as string)
      } else if (row) await sql`insert into report_dirty_referrals (referral_id) values (${row.id}) on conflict do nothing`.execute(db)
      else await sql`update report_data_version set version = version + 1`.execute(db)
      const computed = cache.months.computed
      started = performance.now()
      await buildReport(db, filter, 'organisation', cache)
      log(
        `${name}: after ${contact ? 'a contact' : 'a referral queued'} in ${month}: ${(performance.now() - started).toFixed(0)} ms ` +
          `(${cache.months.computed - computed} month parts)`,
      )
    }
    if (added.length > 0) await sql`delete from support_contacts where id = any(${`{${added.join(',')}}`}::uuid[])`.execute(db)
  }
} else {
  log('usage: report-compare.ts report <out.json> | profile | months | changes')
  process.exitCode = 64
}
await database.close()
