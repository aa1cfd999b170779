-- The episode of support (issue 5 items 1 and 11): its level of support over time, closing with a reason and a
-- summary, feedback to the referrer (CF 3.1 "keeping referrers informed") and transfer to another provider.
-- docs/episodes.md; the level column itself came with migrations/0014.

-- CS "Organisation and delivery"; issue 5 §11: why the episode ended, in a few words, by whom.
alter table episodes add column closing_reason text
  check (closing_reason in ('goals_met', 'withdrew', 'disengaged', 'moved_away', 'transferred', 'not_appropriate', 'died'));
alter table episodes add column closing_summary text check (length(closing_summary) <= 1000);
alter table episodes add column closed_by uuid references users (id);
-- CF 3.1: set when the outcome and summary went to the referrer (the disclosure is in information_sharing_log).
alter table episodes add column feedback_sent_at timestamptz;
-- A transfer (DESIGN §3: "an explicit, logged transfer"): where the person went, and the referral made there.
alter table episodes add column transferred_to_organisation_id uuid references organisations (id);
alter table episodes add column transferred_to_referral_id uuid references referrals (id);

-- What happened to an episode, one row per change: reporting reads how long was spent at each level of support
-- (CDS #21, #22, #30, #107) from the level_set/level_changed rows, and the timeline shows them all.
create table episode_events (
  id uuid primary key default gen_random_uuid(),
  episode_id uuid not null references episodes (id),
  person_id uuid not null references people (id),
  organisation_id uuid not null references organisations (id),
  kind text not null check (kind in ('level_set', 'level_changed', 'closed', 'feedback_sent', 'transferred')),
  level_of_support text check (level_of_support in ('signposting', 'short_term', 'holistic')),
  previous_level text check (previous_level in ('signposting', 'short_term', 'holistic')),
  closing_reason text,
  -- transferred: the receiving organisation.
  organisation_to uuid references organisations (id),
  actor_user_id uuid references users (id),
  at timestamptz not null default now(),
  check (kind not in ('level_set', 'level_changed') or level_of_support is not null)
);
create index episode_events_episode_idx on episode_events (episode_id, at);
create index episode_events_person_idx on episode_events (person_id, at);

-- A transfer is made with the person's consent, recorded like every other consent (DESIGN §2 step 3).
alter table consents drop constraint if exists consents_scope_check;
alter table consents add constraint consents_scope_check
  check (scope in ('receive_support', 'share_with_referrer', 'share_with_assets', 'contact_for_feedback', 'case_study', 'transfer'));
