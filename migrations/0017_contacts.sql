-- Contacts with the person and what they report of their healthcare use (issue 5 §6, §10), and the rest of the
-- connection to a community asset (issue 5 §5): how a signpost was given, travel, first response, barriers and
-- reasons for not acting. docs/contacts.md and docs/connections.md.

-- One contact with the person (or about them, with a carer, an asset or the referrer). CDS #24, #115–#117 are
-- counted from these rows; the record of progress follows CF 2.5 ("Documentation") and is never shown to assets.
create table support_contacts (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  occurred_at timestamptz not null,
  mode text not null check (mode in ('face_to_face', 'phone', 'video', 'home_visit', 'message')),
  -- Minutes; a contact that happened lasts 1–720 (12 hours). A missed one may have none or 0.
  duration_minutes smallint check (duration_minutes between 0 and 720),
  with_whom text[] not null check (cardinality(with_whom) >= 1 and with_whom <@ array['person', 'carer', 'asset', 'referrer']),
  contact_type text not null check (contact_type in ('what_matters', 'review', 'follow_up', 'accompanied_visit', 'other')),
  did_not_attend boolean not null default false,
  language text not null check (language in ('cy', 'en', 'other')),
  -- CDS #81: what got in the way of engaging with the practitioner, when the person did not attend.
  barriers text[] not null default '{}',
  progress_note text check (length(progress_note) <= 4000),
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  check (did_not_attend or (duration_minutes is not null and duration_minutes > 0))
);
create index support_contacts_person_idx on support_contacts (person_id, occurred_at desc);
create index support_contacts_episode_idx on support_contacts (episode_id, occurred_at);

-- Self-reported use of health services in the last three months, at the start and at the end of an episode
-- (CDS #57–#61). Null with the item in prefer_not_to_say: the person chose not to say.
create table healthcare_use (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  occasion text not null check (occasion in ('start', 'end')),
  asked_on date not null,
  gp_appointments smallint check (gp_appointments between 0 and 99),
  gp_contacts smallint check (gp_contacts between 0 and 99),
  ae_attendances smallint check (ae_attendances between 0 and 99),
  emergency_calls smallint check (emergency_calls between 0 and 99),
  other_services smallint check (other_services between 0 and 99),
  prefer_not_to_say text[] not null default '{}',
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (episode_id, occasion)
);

-- Connections (issue 5 §5): a signpost's format, travel (#17, #18), the asset's first response (#46, #104).
alter table connections add column signpost_format text check (signpost_format in ('leaflet', 'large_print', 'email', 'text_message', 'verbal'));
alter table connections add column signpost_language text check (signpost_language in ('cy', 'en'));
alter table connections add column travel_mode text check (travel_mode in ('walk', 'cycle', 'bus', 'train', 'car', 'community_transport', 'taxi', 'online', 'other'));
alter table connections add column travel_distance_km numeric(6, 1) check (travel_distance_km between 0 and 1000);
alter table connections add column travel_distance_source text check (travel_distance_source in ('computed', 'entered'));
alter table connections add column first_responded_at timestamptz;

-- Barriers (#80) and reasons for not acting (#55) recorded with a move such as did not attend or withdrew.
alter table connection_events add column barriers text[] not null default '{}';
alter table connection_events add column not_acting_reasons text[] not null default '{}';

-- A suggestion (from the suggested services or the plan) has no kind until the practitioner acts on it.
alter table connections alter column kind drop not null;
alter table connections add constraint connections_kind_once_acted check (kind is not null or status in ('suggested', 'withdrew'));
