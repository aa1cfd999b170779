-- Single-use links a person follows to complete something alone, with no account (issue 6 §2, §5): a measure or
-- the experience survey. Only the SHA-256 of the token is stored, so neither the database nor its backups can
-- rebuild a link; the token itself is shown once, to the practitioner who sends it, and never logged.
create table completion_links (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique check (length(token_hash) = 64),
  -- What the link opens: one measure (table measures, migrations/0020) or one experience survey (0022).
  purpose text not null check (purpose in ('measure', 'experience_survey')),
  subject_id uuid not null,
  person_id uuid references people (id),
  organisation_id uuid not null references organisations (id),
  -- The language the pages open in: the person's preferred language when the link was made.
  language text not null check (language in ('cy', 'en')),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- Set when the person submits the last page; a used link opens nothing again.
  used_at timestamptz,
  -- Set when a practitioner withdraws the link before it is used.
  revoked_at timestamptz,
  check (expires_at > created_at)
);
create index completion_links_subject_idx on completion_links (purpose, subject_id);
create index completion_links_person_idx on completion_links (person_id) where person_id is not null;
