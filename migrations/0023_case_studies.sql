-- Case studies from the three perspectives of CS §118 (the person, the practitioner, the community asset) and the
-- 'you said, we did' log of App. Two "Sustaining engagement" (issue 6 §6). See docs/case-studies.md.
-- organisation_id is the provider whose practitioners wrote the story: the access boundary, as elsewhere.

create table case_studies (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  title text not null check (length(title) between 1 and 200),
  perspective text not null check (perspective in ('person', 'practitioner', 'community_asset')),
  -- The story in three parts: what mattered, what support, what changed.
  what_mattered text not null check (length(what_mattered) between 1 and 6000),
  support text not null check (length(support) between 1 and 6000),
  what_changed text not null check (length(what_changed) between 1 and 6000),
  -- Optional link to the person's record: never shown outside the organisation; it feeds the automatic screen.
  person_id uuid references people (id),
  period_from date,
  period_to date,
  -- Free tags and What Matters themes (src/features/directory/matching/themes.ts).
  tags text[] not null default '{}',
  themes text[] not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'awaiting_check', 'approved', 'withdrawn')),
  -- Consent to use, from the person: when, how, how far it may go. Withdrawal is kept, never erased.
  consent_given_on date,
  consent_method text check (consent_method in ('in_person', 'phone', 'video', 'written', 'email')),
  consent_scope text check (consent_scope in ('organisation', 'commissioners', 'published')),
  consent_withdrawn_on date,
  -- The anonymisation checklist (issue 6 §6): completed by a caseworker, signed off by a team lead who did not write it.
  checklist text[] not null default '{}',
  check_completed_by uuid references users (id),
  check_completed_at timestamptz,
  approved_by uuid references users (id),
  approved_at timestamptz,
  author_id uuid not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (period_to is null or period_from is null or period_to >= period_from),
  check ((consent_given_on is null) = (consent_scope is null) and (consent_given_on is null) = (consent_method is null)),
  check (status <> 'approved' or (approved_by is not null and approved_at is not null and approved_by <> author_id)),
  check (status not in ('awaiting_check', 'approved') or check_completed_at is not null)
);
create index case_studies_organisation_idx on case_studies (organisation_id, updated_at desc);
create index case_studies_person_idx on case_studies (person_id) where person_id is not null;

-- The directory services involved in the story.
create table case_study_services (
  case_study_id uuid not null references case_studies (id),
  service_id uuid not null references services (id),
  primary key (case_study_id, service_id)
);

-- Every change to a case study, so that what was checked, signed off and withdrawn stays readable.
create table case_study_events (
  id uuid primary key default gen_random_uuid(),
  case_study_id uuid not null references case_studies (id),
  kind text not null check (kind in ('created', 'edited', 'check_completed', 'approved', 'check_reset', 'consent_recorded', 'consent_withdrawn')),
  actor_user_id uuid references users (id),
  at timestamptz not null default now()
);
create index case_study_events_idx on case_study_events (case_study_id, at);

-- 'You said, we did' (App. Two): feedback received and what the service did about it. No personal data: `source`
-- says what kind of voice it was, never who.
create table feedback_log (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  received_on date not null,
  source text not null check (source in ('people', 'referrers', 'community_assets', 'staff', 'experience_survey')),
  said text not null check (length(said) between 1 and 2000),
  action text check (length(action) <= 2000),
  owner text check (length(owner) <= 120),
  status text not null default 'considering' check (status in ('considering', 'doing', 'done', 'not_possible')),
  not_possible_reason text check (length(not_possible_reason) <= 2000),
  done_on date,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'done' or (done_on is not null and action is not null)),
  check (status <> 'not_possible' or not_possible_reason is not null)
);
create index feedback_log_organisation_idx on feedback_log (organisation_id, received_on desc);
