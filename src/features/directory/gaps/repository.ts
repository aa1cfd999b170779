import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { type ThemeCode, themes, themesOfReason } from '../matching/themes.js'

type Db = Kysely<DB> | Transaction<DB>

export interface GapRow {
  localAuthorityCode: string
  localAuthorityName: string
  localAuthorityNameCy: string
  theme: ThemeCode
  /** People in the authority with this theme (and a known place). */
  people: number
  /** Of them, people whom no active, published service within the distance meets. */
  unmet: number
}

const reasonThemePairs = Object.entries(themesOfReason).flatMap(([reason, list]) => list.map((theme) => sql`(${reason}::text, ${theme}::text)`))
const themeCodePairs = themes.flatMap((t) => t.taxonomyCodes.map((code) => sql`(${t.code}::text, ${code}::text)`))

/**
 * Gaps in provision (CF 3.3) in one statement. For every person whose place is known (their postcode's point or
 * its district's centre) and whose record is not a duplicate, each theme recorded for them — from their latest 'What Matters'
 * conversation with themes, else from the reasons of their referrals that were not declined through `themesOfReason` — counts once in
 * their local authority. The person is "unmet" for the theme when no active, published service in a category
 * meeting the theme, open to their age and life stage, has a location within `withinKm` of them (an `earth_box`
 * search on the locations' gist index, corners cut off). Services with no location (phone, online) do not count:
 * the report is about local provision. Only counts leave the database; names never do.
 */
export async function provisionGaps(trx: Db, withinKm: number, localAuthorityCode: string | null): Promise<GapRow[]> {
  const radius = withinKm * 1000
  const onlyAuthority = localAuthorityCode ? sql`and p.local_authority_code = ${localAuthorityCode}` : sql``
  const result = await sql<{ code: string; name_en: string; name_cy: string; theme: string; people: string | number; unmet: string | number }>`
    with reason_themes (reason, theme) as (values ${sql.join(reasonThemePairs)}),
    theme_codes (theme, code) as (values ${sql.join(themeCodePairs)}),
    placed as (
      select p.id, p.local_authority_code,
             coalesce(pc.latitude, pd.latitude) as latitude,
             coalesce(pc.longitude, pd.longitude) as longitude,
             extract(year from age(current_date, p.date_of_birth))::int as age
        from people p
        left join postcodes pc on pc.postcode = p.postcode
        left join postcode_districts pd on pd.outcode = split_part(p.postcode, ' ', 1)
       where p.local_authority_code is not null and p.duplicate_of is null ${onlyAuthority}
    ),
    -- What matters to the person in their own conversation (CDS #108) where one recorded themes; otherwise the
    -- themes of their referral reasons.
    latest_conversation as (
      select distinct on (w.person_id) w.person_id, w.themes
        from what_matters_conversations w
       where cardinality(w.themes) > 0
       order by w.person_id, w.held_on desc, w.created_at desc
    ),
    given_themes (person_id, theme) as (
      select lc.person_id, recorded.theme from latest_conversation lc cross join lateral unnest(lc.themes) as recorded (theme)
      union
      select r.person_id, rt.theme
        from referrals r
        cross join lateral unnest(r.reasons) as given (reason)
        join reason_themes rt on rt.reason = given.reason
       where r.status <> 'declined' and not exists (select 1 from latest_conversation lc where lc.person_id = r.person_id)
    ),
    person_themes as (
      select distinct pl.id, pl.local_authority_code, pl.latitude, pl.longitude, pl.age, gt.theme,
             -- The life stages of this age, as lifeStagesOfAge (src/features/directory/matching/match.ts) gives them.
             array_remove(array[
               case when pl.age < 13 then 'children' end,
               case when pl.age between 11 and 25 then 'young_people' end,
               case when pl.age >= 18 then 'adults' end,
               case when pl.age >= 60 then 'older_people' end
             ], null) as stages
        from placed pl
        join given_themes gt on gt.person_id = pl.id
       where pl.latitude is not null and pl.longitude is not null
    )
    select pt.local_authority_code as code, la.name_en, la.name_cy, pt.theme,
           count(*) as people,
           count(*) filter (where not exists (
             select 1
               from services s
               join attributes a on a.link_id = s.id and a.link_type = 'service'
               join taxonomy_terms tt on tt.id = a.taxonomy_term_id
               join theme_codes tc on tc.code = tt.code and tc.theme = pt.theme
               join service_at_locations sal on sal.service_id = s.id
               join locations l on l.id = sal.location_id
              where s.status = 'active' and s.published
                and (s.minimum_age is null or s.minimum_age <= pt.age)
                and (s.maximum_age is null or s.maximum_age >= pt.age)
                and (cardinality(s.life_stages) = 0 or 'families' = any (s.life_stages) or s.life_stages && pt.stages)
                and l.latitude is not null and l.longitude is not null
                and earth_box(location_earth(pt.latitude, pt.longitude), ${radius}::float8) @> location_earth(l.latitude, l.longitude)
                and earth_distance(location_earth(pt.latitude, pt.longitude), location_earth(l.latitude, l.longitude)) <= ${radius}::float8
           )) as unmet
      from person_themes pt
      join local_authorities la on la.code = pt.local_authority_code
     group by pt.local_authority_code, la.name_en, la.name_cy, pt.theme
  `.execute(trx)
  const order = new Map(themes.map((t, i) => [t.code as string, i]))
  return result.rows
    .map((r) => ({ localAuthorityCode: r.code, localAuthorityName: r.name_en, localAuthorityNameCy: r.name_cy, theme: r.theme as ThemeCode, people: Number(r.people), unmet: Number(r.unmet) }))
    .sort((a, b) => a.localAuthorityName.localeCompare(b.localAuthorityName) || (order.get(a.theme) ?? 0) - (order.get(b.theme) ?? 0))
}

/** The local authorities, for the filter. */
export function localAuthorities(db: Db) {
  return db.selectFrom('local_authorities').select(['code', 'name_en', 'name_cy']).orderBy('name_en').execute()
}
