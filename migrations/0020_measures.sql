-- Measures (issue 6 §2, §4; CS §117, CF 6.2): one administration of a wellbeing instrument with a person, at a point
-- of their episode. Answers are kept as given (item id → value or code) so that scoring can be re-run if a rule is
-- corrected (instruments/reference/REPORT.md lists values still to check); `scores` holds the headline computed when
-- the answers were last saved. organisation_id is the provider holding the person's record: the access boundary.
create table measures (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  -- An id of src/features/instruments/contract.ts (instrumentIds).
  instrument_id text not null check (instrument_id ~ '^[a-z0-9_]{2,40}$'),
  occasion text not null check (occasion in ('baseline', 'review', 'exit', 'follow_up')),
  -- with_practitioner: asked together; self_completed: by the person alone through a single-use link
  -- (completion_links, migrations/0021); entered_scores: copied from a licensed source (PAM, EQ-5D-5L, Star, MYCaW).
  mode text not null check (mode in ('with_practitioner', 'self_completed', 'entered_scores')),
  -- awaiting_person: a link was sent and nothing is answered yet; partial: some answers saved; complete: submitted.
  status text not null check (status in ('awaiting_person', 'partial', 'complete')),
  answers jsonb not null default '{}',
  scores jsonb,
  -- The language the items were shown in (English when no approved translation was loaded; issue 6 §1).
  item_language text check (item_language in ('cy', 'en')),
  taken_on date,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  check ((status = 'complete') = (completed_at is not null)),
  check (status <> 'complete' or taken_on is not null)
);
create index measures_person_idx on measures (person_id, instrument_id, created_at);
create index measures_episode_idx on measures (episode_id);
create index measures_organisation_idx on measures (organisation_id, instrument_id, occasion) where status = 'complete';
