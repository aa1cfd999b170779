-- Issue 8 §2, §3: practitioners rate themselves against the Competence Framework's areas (CF 1.1 … 7.1, with the
-- a/b/c sub-areas; ids as in src/features/competence/areas.ts). An assessment is one sitting; earlier sittings are
-- kept (the history). The development plan's items come from the gaps.
create table competence_self_assessments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  assessed_on date not null,
  created_at timestamptz not null default now()
);
create index competence_self_assessments_user_idx on competence_self_assessments (user_id, assessed_on);
create index competence_self_assessments_org_idx on competence_self_assessments (organisation_id, assessed_on);

create table competence_ratings (
  assessment_id uuid not null references competence_self_assessments (id) on delete cascade,
  area_id text not null check (area_id ~ '^[1-7]\.[1-9][a-c]?$'),
  rating text not null check (rating in ('not_yet', 'developing', 'competent', 'can_support_others')),
  evidence text check (evidence is null or length(evidence) <= 4000),
  primary key (assessment_id, area_id)
);

create table development_plan_items (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  area_id text not null check (area_id ~ '^[1-7]\.[1-9][a-c]?$'),
  action text not null check (length(btrim(action)) between 1 and 1000),
  due_on date,
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index development_plan_items_user_idx on development_plan_items (user_id, status);
