-- Connections to community assets (issue 4 §8, issue 5 §5): a signpost, a referral or a supported introduction
-- from a person's episode of support to a service in the directory, with one lifecycle shared by the
-- practitioner and the asset's own users (docs/connections.md). organisation_id is the social prescribing
-- provider that holds the person's record: the access boundary, as in migrations/0007.

create table connections (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null references episodes (id),
  organisation_id uuid not null references organisations (id),
  service_id uuid not null references services (id),
  kind text not null check (kind in ('signpost', 'referral', 'supported_introduction')),
  status text not null check (status in ('suggested', 'signposted', 'referred', 'introduced', 'accepted', 'declined', 'waitlisted', 'first_attended', 'attending', 'did_not_attend', 'completed', 'disengaged', 'withdrew')),
  -- A referral's snapshot of exactly the fields the practitioner chose to share, and their values then.
  need_to_know jsonb not null default '{}',
  decline_reason text,
  waiting_weeks smallint check (waiting_weeks between 1 and 104),
  -- Set by the first attendance: times from referral to first asset contact (CDS #46, #104).
  first_attended_at timestamptz,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'declined' or decline_reason is not null),
  check (kind = 'referral' or need_to_know = '{}'::jsonb)
);
create index connections_person_idx on connections (person_id, created_at desc);
create index connections_service_idx on connections (service_id, status);

-- Every change of a connection's status: who, when, from, to, and on which side (practitioner or asset).
create table connection_events (
  id uuid primary key default gen_random_uuid(),
  connection_id uuid not null references connections (id),
  from_status text,
  to_status text not null,
  side text not null check (side in ('practitioner', 'asset')),
  note text,
  actor_user_id uuid references users (id),
  at timestamptz not null default now()
);
create index connection_events_connection_idx on connection_events (connection_id, at);

-- Every disclosure of personal data outside the provider (CF 2.5): what, to whom, why, on what basis.
create table information_sharing_log (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  organisation_id uuid not null references organisations (id),
  connection_id uuid references connections (id),
  service_id uuid references services (id),
  -- The organisation that receives the data: the asset organisation managing the service, when there is one.
  shared_with_organisation_id uuid references organisations (id),
  shared_with_name text not null,
  fields text[] not null,
  purpose text not null,
  basis text not null check (basis in ('consent', 'safeguarding_duty')),
  consent_id uuid references consents (id),
  shared_by uuid references users (id),
  shared_at timestamptz not null default now(),
  check (basis <> 'consent' or consent_id is not null)
);
create index information_sharing_log_person_idx on information_sharing_log (person_id, shared_at desc);

-- The practitioner hears of each step the asset records.
alter table notifications add column connection_id uuid references connections (id);
