-- Issue 8 §4, §7: supervision sessions (CF 2.7b "Able to make effective use of supervision and support"). A session
-- is between a supervisee and a supervisor of the same organisation; its agreed actions are followed up; the
-- reflective notes are private to those two people (src/features/supervision/rules.ts) and never audited in detail.
create table supervision_sessions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  supervisee_id uuid not null references users (id),
  supervisor_id uuid not null references users (id),
  held_on date not null,
  kind text not null check (kind in ('one_to_one', 'group', 'peer', 'clinical')),
  -- Topic codes from src/features/supervision/rules.ts (supervisionTopics).
  topics text[] not null default '{}',
  topics_note text check (topics_note is null or length(topics_note) <= 1000),
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  check (supervisee_id <> supervisor_id)
);
create index supervision_sessions_org_idx on supervision_sessions (organisation_id, held_on);
create index supervision_sessions_supervisee_idx on supervision_sessions (supervisee_id);
create index supervision_sessions_supervisor_idx on supervision_sessions (supervisor_id);

create table supervision_actions (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references supervision_sessions (id) on delete cascade,
  description text not null check (length(btrim(description)) between 1 and 500),
  -- The supervisee or the supervisor of the session (checked in code: rules.ts).
  owner_id uuid not null references users (id),
  due_on date,
  status text not null default 'open' check (status in ('open', 'done')),
  done_on date,
  follow_up_note text check (follow_up_note is null or length(follow_up_note) <= 1000),
  created_at timestamptz not null default now(),
  check ((status = 'done') = (done_on is not null))
);
create index supervision_actions_session_idx on supervision_actions (session_id);

-- Private to the supervisee and the supervisor of the session: never shown to team leads, administrators or
-- commissioners, never in an audit row's detail.
create table supervision_reflections (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references supervision_sessions (id) on delete cascade,
  author_id uuid not null references users (id),
  text text not null check (length(btrim(text)) between 1 and 6000),
  created_at timestamptz not null default now()
);
create index supervision_reflections_session_idx on supervision_reflections (session_id, created_at);
