-- Issue 8 §6, §7: a provider rates itself against the Core Standards and Values for Social Prescribing in Wales
-- (2026): each standard's "How this works in practice" paragraph and each enabling component's paragraph is a
-- statement, its id the standard or component and the document's paragraph number ('S1.26', 'E.91'; see
-- src/features/standards-assessment/reference/standards.json). Every assessment is kept (the history).
create table standards_assessments (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  assessed_on date not null,
  completed_by uuid references users (id) on delete set null,
  status text not null default 'draft' check (status in ('draft', 'complete')),
  created_at timestamptz not null default now()
);
create index standards_assessments_org_idx on standards_assessments (organisation_id, assessed_on, created_at);

create table standards_ratings (
  assessment_id uuid not null references standards_assessments (id) on delete cascade,
  statement_id text not null check (statement_id ~ '^(S[1-6]|E)\.[0-9]{2,3}$'),
  rating text not null check (rating in ('not_started', 'partly', 'fully')),
  evidence text check (evidence is null or length(evidence) <= 4000),
  primary key (assessment_id, statement_id)
);

-- An action's owner is a user of the organisation or, for someone without an account, a name.
create table standards_actions (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references standards_assessments (id) on delete cascade,
  statement_id text not null check (statement_id ~ '^(S[1-6]|E)\.[0-9]{2,3}$'),
  action text not null check (length(btrim(action)) between 1 and 500),
  owner_user_id uuid references users (id) on delete set null,
  owner_name text check (owner_name is null or length(btrim(owner_name)) between 1 and 120),
  due_on date,
  status text not null default 'open' check (status in ('open', 'done')),
  done_on date,
  created_at timestamptz not null default now(),
  check (status = 'done' or done_on is null)
);
create index standards_actions_assessment_idx on standards_actions (assessment_id, status);
