-- Issue 7 §7: reports read aggregates brought up to date incrementally, not the case tables on every page view.
-- One row per referral (so referrals that never became an episode count too), with the dimensions a report filters
-- and breaks down by fixed at the time of the referral, and the pathway dates its measures need.
-- The refresh (which rows changed, and recomputing them) is reports/engine/refresh.ts with migration 0025.
create table report_referral_facts (
  referral_id uuid primary key references referrals (id) on delete cascade,
  episode_id uuid references episodes (id) on delete set null,
  person_id uuid not null,
  organisation_id uuid not null,
  team_id uuid,
  practitioner_id uuid,
  local_authority_code text,
  health_board_code text,
  rpb_code text,
  route text not null,
  channel text not null,
  referrer_role text,
  age_band text,
  sex text,
  ethnicity text,
  disability text,
  wimd_quintile smallint,
  language text,
  received_on date not null,
  status text not null,
  -- First successful contact with the person by the provider (contact attempt or support contact) (#47, #105).
  first_contact_on date,
  episode_started_on date,
  episode_ended_on date,
  closing_reason text,
  level_of_support text,
  what_matters_completed boolean not null default false,
  -- Added by the engine (issue 7 §2): what the pathway measures read, so no page view reads the case tables.
  decline_reason text,
  -- CDS #51: the referral's reasons.
  reasons text[] not null default '{}',
  -- CDS #31: as the person said at the time of the refresh.
  used_before text,
  -- CDS #25, #40: the person's referrals received before this one (any provider's record of that person row).
  prior_referrals integer not null default 0,
  -- CDS #105: the first support contact the person attended.
  first_seen_on date,
  -- CDS #115: attended contacts in the episode, and the first and last of them.
  contacts_attended integer not null default 0,
  last_seen_on date,
  -- CDS #21, #22, #23, #30, #107: the levels of support the episode was ever at, from episode_events.
  levels text[] not null default '{}',
  escalated_to_holistic boolean not null default false,
  -- Equity (issue 7 §3): paired and improved on the primary wellbeing instrument (SWEMWBS, else WEMWBS).
  wellbeing_paired boolean not null default false,
  wellbeing_improved boolean not null default false,
  refreshed_at timestamptz not null default now()
);
create index report_referral_facts_received_idx on report_referral_facts (received_on);
create index report_referral_facts_org_received_idx on report_referral_facts (organisation_id, received_on);
create index report_referral_facts_la_received_idx on report_referral_facts (local_authority_code, received_on);
create index report_referral_facts_episode_idx on report_referral_facts (episode_id);
