import { sql } from 'kysely'
import { hashPassword } from '../../../platform/security/passwords.js'
import { id } from '../random.js'
import type { SynthContext, SynthStage } from '../run.js'

/**
 * Organisations, teams and accounts (the spine the other stages hang on). Ids follow the contract in `run.ts`:
 *
 * - provider k = synth.id('provider', k), k = 1 … plan.providers; it serves the local authorities (sorted by code)
 *   at positions k − 1, k − 1 + providers, … (mod 22), so every authority has a provider;
 * - team t of provider k = synth.id('team', (k − 1) * teamsPerProvider + t), with its lead synth.id('team_lead', same);
 * - practitioner k = synth.id('practitioner', k), in provider and team as `providerOf` / `teamOf` say;
 * - commissioner organisation r = synth.id('commissioner_org', r), one per regional partnership board (sorted by
 *   code) commissioning its authorities, and r = 8 the national team (no areas: all of Wales); its user
 *   synth.id('commissioner', r);
 * - referrer organisation k = synth.id('referrer_org', k) with one user synth.id('referrer', k).
 *
 * Every account signs in as `<role>-<n>@synth.example` with the plan's password: see `synthAccounts`.
 */
export const organisationsStage: SynthStage = {
  name: 'organisations and accounts',
  async run(ctx: SynthContext) {
    const { db, plan } = ctx
    const s = plan.seed
    const hash = await hashPassword(plan.password)
    const rows: Record<string, number> = {}
    const count = async (table: string, query: ReturnType<typeof sql>) => {
      const result = await query.execute(db)
      rows[table] = (rows[table] ?? 0) + Number(result.numAffectedRows ?? 0)
    }
    const P = plan.providers
    const T = plan.teamsPerProvider

    await count(
      'organisations',
      sql`insert into organisations (id, name, name_cy, type)
        select ${sql.raw(id(s, 'provider', 'k'))}, 'Synthetic social prescribing provider ' || k,
          'Darparwr presgripsiynu cymdeithasol synthetig ' || k, 'provider'
        from generate_series(1, ${P}) k`,
    )
    await count(
      'organisation_areas',
      sql`insert into organisation_areas (organisation_id, local_authority_code)
        select distinct ${sql.raw(id(s, 'provider', 'k'))}, la.code
        from generate_series(1, ${P}) k
        join (select code, row_number() over (order by code) - 1 as i from local_authorities) la
          on ${sql.raw(P <= 22 ? `la.i % ${P} = k - 1` : 'la.i = (k - 1) % 22')}`,
    )
    await count(
      'teams',
      sql`insert into teams (id, organisation_id, name, name_cy)
        select ${sql.raw(id(s, 'team', '(k - 1) * ' + T + ' + t'))}, ${sql.raw(id(s, 'provider', 'k'))},
          'Team ' || t, 'Tîm ' || t
        from generate_series(1, ${P}) k, generate_series(1, ${T}) t`,
    )
    await count(
      'organisations',
      sql`insert into organisations (id, name, name_cy, type)
        select ${sql.raw(id(s, 'commissioner_org', 'r.i'))},
          case when r.code is null then 'Synthetic national commissioning team' else 'Synthetic commissioner, ' || r.name_en end,
          case when r.code is null then 'Tîm comisiynu cenedlaethol synthetig' else 'Comisiynydd synthetig, ' || r.name_cy end,
          'commissioner'
        from (select code, name_en, name_cy, row_number() over (order by code) as i from regional_partnership_boards
              union all select null, null, null, 8) r`,
    )
    await count(
      'organisation_areas',
      sql`insert into organisation_areas (organisation_id, local_authority_code)
        select ${sql.raw(id(s, 'commissioner_org', 'r.i'))}, la.code
        from (select code, row_number() over (order by code) as i from regional_partnership_boards) r
        join health_boards hb on hb.regional_partnership_board_code = r.code
        join local_authorities la on la.health_board_code = hb.code`,
    )
    await count(
      'organisations',
      sql`insert into organisations (id, name, name_cy, type)
        select ${sql.raw(id(s, 'referrer_org', 'k'))}, 'Synthetic referring organisation ' || k,
          'Sefydliad atgyfeirio synthetig ' || k, 'referrer'
        from generate_series(1, ${plan.referrerOrganisations}) k`,
    )

    // Accounts. Team leads first (practitioners point at their team).
    const user = (idSql: string, org: string, email: string, name: string, team = 'null::uuid') =>
      `select ${idSql} as id, ${org} as organisation_id, ${email} as email, ${name} as name, ${team} as team_id`
    const insertUsers = async (select: string, role: string, extraRole?: string) => {
      await count(
        'users',
        sql`insert into users (id, organisation_id, email, name, password_hash, password_changed_at, team_id)
          select id, organisation_id, email, name, ${hash}, now(), team_id from (${sql.raw(select)}) u`,
      )
      for (const r of [role, extraRole].filter(Boolean) as string[])
        await count(
          'user_roles',
          sql`insert into user_roles (user_id, role) select id, ${r} from (${sql.raw(select)}) u`,
        )
    }
    await insertUsers(
      `${user(
        id(s, 'team_lead', '(k - 1) * ' + T + ' + t'),
        id(s, 'provider', 'k'),
        `'team-lead-' || ((k - 1) * ${T} + t) || '@synth.example'`,
        `'Team lead ' || ((k - 1) * ${T} + t)`,
        id(s, 'team', '(k - 1) * ' + T + ' + t'),
      )} from generate_series(1, ${P}) k, generate_series(1, ${T}) t`,
      'team_lead',
      'practitioner',
    )
    await insertUsers(
      `${user(
        id(s, 'practitioner', 'k'),
        id(s, 'provider', `((k - 1) % ${P}) + 1`),
        `'practitioner-' || k || '@synth.example'`,
        `'Practitioner ' || k`,
        id(s, 'team', `(((k - 1) % ${P})) * ${T} + ((k - 1) / ${P}) % ${T} + 1`),
      )} from generate_series(1, ${plan.practitioners}) k`,
      'practitioner',
    )
    await insertUsers(
      `${user(id(s, 'commissioner', 'k'), id(s, 'commissioner_org', 'k'), `'commissioner-' || k || '@synth.example'`, `'Commissioner ' || k`)}
        from generate_series(1, 8) k`,
      'commissioner',
    )
    await insertUsers(
      `${user(id(s, 'referrer', 'k'), id(s, 'referrer_org', 'k'), `'referrer-' || k || '@synth.example'`, `'Referrer ' || k`)}
        from generate_series(1, ${plan.referrerOrganisations}) k`,
      'referrer',
    )
    await insertUsers(
      `${user(id(s, 'admin', '1'), id(s, 'commissioner_org', '8'), `'admin@synth.example'`, `'Synthetic administrator'`)}`,
      'admin',
      'directory_editor',
    )
    return rows
  },
}

/** The accounts a benchmark or a tester signs in as (all with the plan's password). */
export const synthAccounts = {
  practitioner: (k: number) => `practitioner-${k}@synth.example`,
  teamLead: (n: number) => `team-lead-${n}@synth.example`,
  /** 1–7 the regional partnership boards by code, 8 the national team. */
  commissioner: (r: number) => `commissioner-${r}@synth.example`,
  referrer: (k: number) => `referrer-${k}@synth.example`,
  admin: 'admin@synth.example',
} as const
