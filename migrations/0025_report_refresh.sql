-- Issue 7 §7: reports are read from aggregates brought up to date incrementally. Every change to a table that feeds
-- a referral's facts (or another module's measures) queues the referral here; reports/engine/refresh.ts recomputes
-- the queued referrals' rows in batches and clears them. Triggers are plpgsql, so they run on PGlite too.
create table report_dirty_referrals (
  referral_id uuid primary key,
  marked_at timestamptz not null default now()
);

create function report_mark_referrals(ids uuid[]) returns void language plpgsql as $$
begin
  insert into report_dirty_referrals (referral_id)
    select distinct unnest(ids) on conflict (referral_id) do nothing;
end $$;

-- TG_ARGV[0] says what the row's TG_ARGV[1] column refers to: a referral, an episode, a person, a connection or an
-- action plan; each maps to the referrals it changes. Old and new rows both count (an update may move a row).
create function report_mark_dirty() returns trigger language plpgsql as $$
declare
  kind text := TG_ARGV[0];
  col text := TG_ARGV[1];
  keys uuid[] := '{}';
  ids uuid[];
begin
  if TG_OP in ('INSERT', 'UPDATE') and to_jsonb(NEW) ->> col is not null then
    keys := keys || (to_jsonb(NEW) ->> col)::uuid;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') and to_jsonb(OLD) ->> col is not null then
    keys := keys || (to_jsonb(OLD) ->> col)::uuid;
  end if;
  if cardinality(keys) = 0 then
    return null;
  end if;
  if kind = 'referral' then
    ids := keys;
  elsif kind = 'episode' then
    select coalesce(array_agg(e.referral_id), '{}') into ids from episodes e where e.id = any(keys);
  elsif kind = 'person' then
    select coalesce(array_agg(r.id), '{}') into ids from referrals r where r.person_id = any(keys);
  elsif kind = 'connection' then
    select coalesce(array_agg(e.referral_id), '{}') into ids
      from connections c join episodes e on e.id = c.episode_id where c.id = any(keys);
  elsif kind = 'action_plan' then
    select coalesce(array_agg(e.referral_id), '{}') into ids
      from action_plans ap join episodes e on e.id = ap.episode_id where ap.id = any(keys);
  end if;
  perform report_mark_referrals(ids);
  return null;
end $$;

-- A referral changes its own facts and its person's later referrals' count of earlier ones (CDS #25, #40).
create trigger report_dirty_referrals_self after insert or update or delete on referrals
  for each row execute function report_mark_dirty('referral', 'id');
create trigger report_dirty_referrals_person after insert or update or delete on referrals
  for each row execute function report_mark_dirty('person', 'person_id');
create trigger report_dirty_episodes after insert or update or delete on episodes
  for each row execute function report_mark_dirty('referral', 'referral_id');
create trigger report_dirty_people after update on people
  for each row execute function report_mark_dirty('person', 'id');
create trigger report_dirty_contact_attempts after insert or update or delete on referral_contact_attempts
  for each row execute function report_mark_dirty('referral', 'referral_id');
create trigger report_dirty_support_contacts after insert or update or delete on support_contacts
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_connections after insert or update or delete on connections
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_connection_events after insert or update or delete on connection_events
  for each row execute function report_mark_dirty('connection', 'connection_id');
create trigger report_dirty_what_matters after insert or update or delete on what_matters_conversations
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_measures after insert or update or delete on measures
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_plan_goal_scores after insert or update or delete on plan_goal_scores
  for each row execute function report_mark_dirty('action_plan', 'action_plan_id');
-- Only named replies belong to a referral; an anonymous one has no episode or person.
create trigger report_dirty_experience_replies after insert or update or delete on experience_replies
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_healthcare_use after insert or update or delete on healthcare_use
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_safeguarding_episode after insert or update or delete on safeguarding_concerns
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_safeguarding_person after insert or update or delete on safeguarding_concerns
  for each row execute function report_mark_dirty('person', 'person_id');
create trigger report_dirty_own_words_episode after insert or update or delete on own_words_outcomes
  for each row execute function report_mark_dirty('episode', 'episode_id');
create trigger report_dirty_own_words_person after insert or update or delete on own_words_outcomes
  for each row execute function report_mark_dirty('person', 'person_id');
create trigger report_dirty_episode_events after insert or update or delete on episode_events
  for each row execute function report_mark_dirty('episode', 'episode_id');

-- Everything already recorded is queued once, so the first report after the upgrade builds the facts.
insert into report_dirty_referrals (referral_id) select id from referrals;

-- One row per connection to a community asset (CDS #42, #43, #46, #86, #100–#104, #106, #109, #112–#114,
-- #118–#121, #123 and the funnel), rewritten with its referral's facts. The stages reached come from
-- connection_events, so a connection counts at every stage it reached (issue 7 §2).
create table report_connection_facts (
  connection_id uuid primary key references connections (id) on delete cascade,
  referral_id uuid not null references referrals (id) on delete cascade,
  person_id uuid not null,
  kind text,
  status text not null,
  service_id uuid not null,
  service_organisation_id uuid,
  -- The service's social prescribing categories (taxonomy codes) and its forms of attendance (CDS #112, #119, #120).
  categories text[] not null default '{}',
  attending_types text[] not null default '{}',
  created_on date not null,
  reached_referred boolean not null default false,
  reached_accepted boolean not null default false,
  reached_attended boolean not null default false,
  reached_completed boolean not null default false,
  accepted_on date,
  first_attended_on date,
  -- When it closed as completed, disengaged or withdrew (the last such event).
  ended_on date,
  did_not_attend_count integer not null default 0
);
create index report_connection_facts_referral_idx on report_connection_facts (referral_id);
create index report_connection_facts_created_idx on report_connection_facts (created_on);

-- One row per support contact (CDS #24): counted by the day it happened.
create table report_contact_facts (
  contact_id uuid primary key references support_contacts (id) on delete cascade,
  referral_id uuid not null references referrals (id) on delete cascade,
  occurred_on date not null,
  did_not_attend boolean not null
);
create index report_contact_facts_referral_idx on report_contact_facts (referral_id);
create index report_contact_facts_occurred_idx on report_contact_facts (occurred_on);
