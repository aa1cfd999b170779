-- The support journey (issue 5; DESIGN §2 steps 4–10): the parts every piece of the journey leans on. The rest of
-- the journey's tables come in 0015–0018, one per feature folder (docs/data-model.md).

-- The organisation's safeguarding lead sees the safeguarding concerns raised about its people (CS Std 3, CF 2.4).
alter table user_roles drop constraint if exists user_roles_role_check;
alter table user_roles add constraint user_roles_role_check
  check (role in ('admin', 'practitioner', 'team_lead', 'referrer', 'asset', 'directory_editor', 'commissioner', 'safeguarding_lead'));

-- CDS #21, #22, #30, #107: how much support the episode offers. Null until the practitioner has chosen.
alter table episodes add column level_of_support text check (level_of_support in ('signposting', 'short_term', 'holistic'));

-- The 'What Matters' conversation (CS §27, CF 5.1, CDS #122). Its content columns come with migrations/0016.
create table what_matters_conversations (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  completed boolean not null,
  held_on date not null,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index what_matters_conversations_episode_idx on what_matters_conversations (episode_id, held_on desc);

-- The action plan (CF 5.3, CS §33): every save is a new version; the highest version is the plan in force.
create table action_plans (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  version integer not null check (version >= 1),
  review_on date,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (episode_id, version)
);

-- Follow-ups and tasks (issue 5 §7; CF 6.1): what is due when, for whom; overdue ones lead the caseload.
create table follow_ups (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  -- What raised it: a connection (two weeks after, CF 6.1), a plan's review date, or a practitioner's own task.
  kind text not null check (kind in ('connection', 'plan_review', 'task')),
  connection_id uuid references connections (id),
  action_plan_id uuid references action_plans (id),
  description text check (length(description) <= 500),
  due_on date not null,
  assigned_to uuid references users (id),
  status text not null default 'open' check (status in ('open', 'done', 'not_done')),
  outcome_note text check (length(outcome_note) <= 2000),
  completed_at timestamptz,
  completed_by uuid references users (id),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  check (kind <> 'connection' or connection_id is not null),
  check (kind <> 'task' or description is not null),
  check ((status = 'open') = (completed_at is null))
);
create index follow_ups_assigned_idx on follow_ups (assigned_to, status, due_on);
create index follow_ups_episode_idx on follow_ups (episode_id, status, due_on);

-- The caseload asks, per open episode, how its connections stand: without this a 250-person caseload reads every
-- connection of the organisation (docs/caseload.md has the measurements).
create index connections_episode_idx on connections (episode_id, status);
