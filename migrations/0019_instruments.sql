-- Instrument settings (issue 6 §1; docs/instruments.md). Per organisation: its registration with Warwick for
-- WEMWBS/SWEMWBS and its licences for the licensed tools (PAM, EQ-5D-5L, Outcomes Star, MYCaW), and the approved
-- translations it has loaded. Rows are never deleted: withdrawing one stamps it, so the history stays readable.
create table instrument_permissions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  instrument_id text not null check (instrument_id in ('wemwbs', 'swemwbs', 'mycaw', 'pam', 'eq5d5l', 'outcomes_star')),
  -- registration: the owners' registration (Warwick), no end date; licence: a licence that runs until valid_until.
  kind text not null check (kind in ('registration', 'licence')),
  reference text not null check (length(reference) between 1 and 200),
  registered_on date,
  valid_until date,
  recorded_by uuid not null references users (id),
  recorded_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_by uuid references users (id),
  check ((kind = 'registration') = (instrument_id in ('wemwbs', 'swemwbs'))),
  check (kind <> 'registration' or registered_on is not null),
  check (kind <> 'licence' or valid_until is not null),
  check ((withdrawn_at is null) = (withdrawn_by is null))
);
create index instrument_permissions_organisation_idx on instrument_permissions (organisation_id, instrument_id, recorded_at);

-- An owner-approved translation of an instrument's instructions, items and response labels. The wording comes only
-- from the owner's approved file; Cyswllt never writes item wording of its own.
create table instrument_translations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  instrument_id text not null check (instrument_id ~ '^[a-z0-9_]{2,40}$'),
  language text not null check (language in ('cy', 'en')),
  -- {instructions, items: {item id: text}, responseLabels: {value: label}}, checked against the instrument on load.
  content jsonb not null,
  approved_by text not null check (length(approved_by) between 1 and 200),
  approval_reference text not null check (length(approval_reference) between 1 and 200),
  loaded_by uuid not null references users (id),
  loaded_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_by uuid references users (id),
  check ((withdrawn_at is null) = (withdrawn_by is null))
);
create index instrument_translations_organisation_idx on instrument_translations (organisation_id, instrument_id, language, loaded_at);
