-- Issue 9: a built RBA report may be kept and served again while nothing it reads has changed (ADR 0008,
-- docs/reports-engine.md "Report cache"). This one row is that "nothing has changed": every statement that writes a
-- table a report reads adds one to it, in the writer's own transaction, so the new number becomes visible exactly
-- when the change does, to every server process sharing the database.
--
-- Which tables: the report's aggregates themselves (rewritten by the refresh, reports/engine/refresh.ts, whenever a
-- case table queued by migration 0025's triggers changes), and the tables a measure module reads directly that those
-- triggers do not cover, or cover only in part (anonymous experience replies have no referral). Statement-level, so
-- a bulk load of a million rows adds one, not a million.
create table report_data_version (
  singleton boolean primary key default true check (singleton),
  version bigint not null default 0
);
insert into report_data_version default values;

create function report_bump_data_version() returns trigger language plpgsql as $$
begin
  update report_data_version set version = version + 1;
  return null;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array[
    -- The aggregates (migrations 0024, 0026).
    'report_referral_facts', 'report_connection_facts', 'report_contact_facts', 'report_outcome_pairs',
    'report_measure_administrations',
    -- Read by the measure modules and not (fully) queued for the refresh.
    'experience_replies', 'experience_service_ratings', 'case_studies', 'information_sharing_log',
    'episode_closing_outcomes', 'action_plans', 'plan_goals', 'service_returns', 'activity_returns',
    'population_estimates', 'attributes', 'taxonomy_terms', 'organisation_areas', 'local_authorities', 'health_boards']
  loop
    execute format('create trigger report_data_version after insert or update or delete or truncate on %I
      for each statement execute function report_bump_data_version()', t);
  end loop;
end $$;

-- What the experience (#81) and journey (#13) measures read of each support contact, kept with its facts so that a
-- report for a year no longer scans ten million support_contacts rows: the person, the instant (those measures
-- count by the UTC day bounds they always have), the barriers recorded with a missed contact, and whether it was
-- held in the person's language of choice as their record says now (people's updates queue their referrals).
alter table report_contact_facts add column person_id uuid;
alter table report_contact_facts add column occurred_at timestamptz;
alter table report_contact_facts add column barriers text[] not null default '{}';
alter table report_contact_facts add column in_chosen_language boolean not null default false;
create index report_contact_facts_occurred_at_idx on report_contact_facts (occurred_at);
-- The existing rows gain their new columns at the next refresh.
insert into report_dirty_referrals (referral_id) select id from referrals on conflict (referral_id) do nothing;
