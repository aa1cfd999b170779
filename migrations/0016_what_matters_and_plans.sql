-- The 'What Matters' conversation (CS §27, CF 5.1) and the co-produced action plan (CF 5.3, CS §33): the content of
-- the header tables of 0014, the goals of each plan version, the 1–10 scaling scores per goal per occasion (CF 5.2b)
-- and the plan reviews (docs/what-matters-and-plans.md).

-- CDS #108 themes (codes of src/features/directory/matching/themes.ts), #53 needs by wellbeing domain, #125 the
-- referral's reasons as they stood and which of them the conversation confirmed, #37 preferences.
alter table what_matters_conversations
  add column themes text[] not null default '{}',
  add column own_words text check (length(own_words) <= 2000),
  add column strengths text check (length(strengths) <= 2000),
  add column needs_domains text[] not null default '{}',
  add column needs_note text check (length(needs_note) <= 2000),
  add column referral_reasons text[] not null default '{}',
  add column confirmed_reasons text[] not null default '{}',
  add column emerged_issues text check (length(emerged_issues) <= 2000),
  add column setting_preference text check (setting_preference in ('indoor', 'outdoor', 'either')),
  add column group_preference text check (group_preference in ('group', 'one_to_one', 'either')),
  add column welsh_medium text check (welsh_medium in ('yes', 'no', 'no_preference')),
  add column times_of_day text[] not null default '{}',
  add column travel text check (length(travel) <= 500),
  add column updated_by uuid references users (id),
  add constraint what_matters_confirmed_subset check (confirmed_reasons <@ referral_reasons);
create index what_matters_conversations_person_idx on what_matters_conversations (person_id, held_on desc);

-- CF 5.3 "content that sets out": exactly these fields; CDS #98 co-produced; the person's agreement.
alter table action_plans
  add column plan_on date not null default current_date,
  add column what_matters text not null default '' check (length(what_matters) <= 2000),
  add column how_supported text check (length(how_supported) <= 2000),
  add column need_to_know text check (length(need_to_know) <= 2000),
  add column support_connected text check (length(support_connected) <= 2000),
  add column self_actions text check (length(self_actions) <= 2000),
  add column co_produced boolean not null default false,
  add column agreed boolean not null default false,
  add column agreement_method text check (agreement_method in ('verbal', 'written', 'electronic', 'other')),
  add column agreed_on date,
  add constraint action_plans_review_after_plan check (review_on is null or review_on > plan_on),
  add constraint action_plans_agreement check (agreed or (agreement_method is null and agreed_on is null));
create index action_plans_person_idx on action_plans (person_id, created_at desc);

-- A goal keeps its identity across plan versions, so that its scores can be compared from start to end.
create table plan_goals (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  created_at timestamptz not null default now()
);

-- The goals of one plan version, in their order, with their words in that version.
create table action_plan_goals (
  action_plan_id uuid not null references action_plans (id),
  goal_id uuid not null references plan_goals (id),
  position integer not null check (position between 1 and 6),
  description text not null check (length(description) between 1 and 500),
  primary key (action_plan_id, goal_id),
  unique (action_plan_id, position)
);

-- A plan review (CS §33 "review them regularly"): its note, and the review date it sets for the next one.
create table plan_reviews (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  action_plan_id uuid not null references action_plans (id),
  occasion text not null check (occasion in ('review', 'end')),
  reviewed_on date not null,
  note text check (length(note) <= 2000),
  next_review_on date,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  check (next_review_on is null or next_review_on > reviewed_on),
  check (occasion = 'review' or next_review_on is null)
);
create index plan_reviews_episode_idx on plan_reviews (episode_id, created_at desc);

-- CF 5.2b scaling (1–10) per goal per occasion, and CDS #82/#83 attainment at the end: reporting computes change.
create table plan_goal_scores (
  id uuid primary key default gen_random_uuid(),
  goal_id uuid not null references plan_goals (id),
  organisation_id uuid not null references organisations (id),
  action_plan_id uuid not null references action_plans (id),
  review_id uuid references plan_reviews (id),
  occasion text not null check (occasion in ('start', 'review', 'end')),
  confidence integer check (confidence between 1 and 10),
  motivation integer check (motivation between 1 and 10),
  attainment text check (attainment in ('not_achieved', 'partly', 'fully')),
  recorded_on date not null,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  check (occasion = 'end' or (confidence is not null and motivation is not null)),
  check (occasion <> 'end' or attainment is not null),
  check (occasion = 'end' or attainment is null),
  check ((occasion = 'start') = (review_id is null))
);
create index plan_goal_scores_goal_idx on plan_goal_scores (goal_id, created_at);
