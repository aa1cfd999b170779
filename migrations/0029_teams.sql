-- Teams within an organisation (issue 7 §2): the RBA report filters by team, and a team lead's caseload will
-- (issue 8). A team is archived, never deleted, so the reports of past periods keep their team.
create table teams (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  name_cy text check (name_cy is null or length(name_cy) between 1 and 200),
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  -- The target of users' composite key below.
  unique (id, organisation_id)
);
create unique index teams_organisation_name_key on teams (organisation_id, lower(name));

-- A user's team must be one of their own organisation's: the composite foreign key enforces it (MATCH SIMPLE: no
-- team, nothing checked), so moving a user to another organisation must clear or change their team in the same
-- statement, as users-save.ts does.
alter table users add column team_id uuid;
alter table users add constraint users_team_fkey foreign key (team_id, organisation_id) references teams (id, organisation_id);
create index users_team_idx on users (team_id) where team_id is not null;

-- The report's facts carry the allocated practitioner's team (reports/engine/facts-sql.ts): moving a practitioner
-- to another team queues the referrals they hold, so the team filter follows them at the next refresh.
create index report_referral_facts_practitioner_idx on report_referral_facts (practitioner_id) where practitioner_id is not null;
create function report_mark_practitioner_referrals() returns trigger language plpgsql as $$
begin
  if NEW.team_id is distinct from OLD.team_id then
    perform report_mark_referrals(coalesce(
      (select array_agg(f.referral_id) from report_referral_facts f where f.practitioner_id = NEW.id), '{}'));
  end if;
  return null;
end $$;
create trigger report_dirty_user_team after update of team_id on users
  for each row execute function report_mark_practitioner_referrals();
