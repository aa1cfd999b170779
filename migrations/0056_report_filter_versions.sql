-- Issue 9, ADR 0028: month parts for filtered reports. A filtered report (one provider, a team, a local authority, an
-- age band …) counts the rows of the referrals whose facts pass its filter. A month part of it stays right while two
-- things stay as they were: the rows dated in that month (report_month_versions, migrations 0049-0055) and which
-- referrals pass the filter. The second changes when the refresh rewrites a referral's facts row with another value of
-- a filter's dimension (a person's sex or postcode corrected, an episode reallocated), or another person or episode
-- (a merge): every row of that referral, in every month, moves into or out of the filter without being written.
--
-- This table keeps a version per dimension and code: each time a facts row's value of a dimension changes, the old
-- code's and the new code's versions move. A filtered month part is kept under the versions of the codes its filter
-- names (and of '*', moved by a change of person or episode and by the full rebuild), so a correction in one provider
-- moves no other provider's months. A referral's first facts row needs no move: every row it has was written since the
-- last report read the queue of referrals to refresh empty, so each moved its own month (engine/report.ts).
create table report_filter_versions (
  -- A report_referral_facts column (reports/engine/report.ts dimensionColumns), or '*'.
  dimension text not null,
  code text not null,
  version bigint not null,
  primary key (dimension, code)
);

create function report_bump_filters() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    insert into report_filter_versions (dimension, code, version) values ('*', '*', nextval('report_month_version_seq'))
    on conflict (dimension, code) do update set version = excluded.version;
    return null;
  end if;
  -- A row removed takes its codes out of their filters: moved as a change to nothing.
  if tg_op = 'DELETE' then
    insert into report_filter_versions (dimension, code, version)
    select '*', '*', nextval('report_month_version_seq') where exists (select 1 from old_rows)
    on conflict (dimension, code) do update set version = excluded.version;
    return null;
  end if;
  -- Codes in (dimension, code) order, so that two writers take the rows in one order (they are already serialised by
  -- report_data_version, whose trigger's name sorts before this one's).
  insert into report_filter_versions (dimension, code, version)
  select c.dimension, c.code, nextval('report_month_version_seq')
  from (
    select distinct d.dimension, v.code
    from old_rows o
    join new_rows n on n.referral_id = o.referral_id
    cross join lateral (values
      ('organisation_id', o.organisation_id::text, n.organisation_id::text),
      ('team_id', o.team_id::text, n.team_id::text),
      ('practitioner_id', o.practitioner_id::text, n.practitioner_id::text),
      ('local_authority_code', o.local_authority_code, n.local_authority_code),
      ('health_board_code', o.health_board_code, n.health_board_code),
      ('rpb_code', o.rpb_code, n.rpb_code),
      ('route', o.route, n.route),
      ('age_band', o.age_band, n.age_band),
      ('sex', o.sex, n.sex),
      ('ethnicity', o.ethnicity, n.ethnicity),
      ('disability', o.disability, n.disability),
      ('wimd_quintile', o.wimd_quintile::text, n.wimd_quintile::text),
      ('language', o.language, n.language),
      -- An episode given to a referral that had none is new, and so are its rows; another person or episode is not.
      ('*', case when o.person_id is distinct from n.person_id
        or (o.episode_id is not null and o.episode_id is distinct from n.episode_id) then '*' end, null)
    ) as d (dimension, before, after)
    cross join lateral (values (d.before), (d.after)) as v (code)
    where d.before is distinct from d.after and v.code is not null
  ) c
  order by c.dimension, c.code
  on conflict (dimension, code) do update set version = excluded.version;
  return null;
end $$;

create trigger report_filter_versions_update after update on report_referral_facts
  referencing old table as old_rows new table as new_rows for each statement execute function report_bump_filters();
create trigger report_filter_versions_delete after delete on report_referral_facts
  referencing old table as old_rows for each statement execute function report_bump_filters();
create trigger report_filter_versions_truncate after truncate on report_referral_facts
  for each statement execute function report_bump_filters();
