-- Safeguarding concerns (issue 5 §8; CS Std 3 ¶42–56, CF 2.4, CDS #27) and the hand-recorded side of the
-- information-sharing log (issue 5 §9; CF 2.1 "Sharing information to maintain safety", CF 2.2). See
-- docs/safeguarding-and-sharing.md. organisation_id is the provider holding the person's record: the access
-- boundary, as in migrations/0007 and 0012.

create table safeguarding_concerns (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  organisation_id uuid not null references organisations (id),
  episode_id uuid references episodes (id),
  -- Set when an asset's user raised it from a referral made to them (CS Std 3 ¶55: assets report concerns).
  connection_id uuid references connections (id),
  -- CF 2.4's kinds of abuse and neglect, plus self-neglect and exploitation (issue 5 §8).
  category text not null check (category in ('physical', 'domestic_abuse', 'psychological', 'substance_misuse', 'financial_or_material', 'sexual', 'neglect', 'self_neglect', 'organisational', 'exploitation')),
  -- CF 2.4: children's safeguarding has its own legislation; CS Std 3 ¶50.
  about text not null check (about in ('adult', 'child')),
  noticed_on date not null,
  what_happened text not null check (length(what_happened) between 1 and 4000),
  action_taken text check (length(action_taken) <= 4000),
  outcome text check (length(outcome) <= 4000),
  status text not null default 'open' check (status in ('open', 'closed')),
  raised_by uuid references users (id),
  raised_by_side text not null default 'provider' check (raised_by_side in ('provider', 'asset')),
  raised_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by uuid references users (id),
  check ((status = 'closed') = (closed_at is not null)),
  check (status = 'open' or outcome is not null)
);
create index safeguarding_concerns_person_idx on safeguarding_concerns (person_id, raised_at desc);
create index safeguarding_concerns_open_idx on safeguarding_concerns (organisation_id, status, raised_at desc);

-- To whom a concern was escalated, when, and their reference (CS Std 3 ¶42, ¶50; CDS #27). Several per concern.
create table safeguarding_escalations (
  id uuid primary key default gen_random_uuid(),
  concern_id uuid not null references safeguarding_concerns (id),
  escalated_to text not null check (escalated_to in ('local_authority', 'police', 'supervisor')),
  escalated_on date not null,
  reference text check (length(reference) <= 100),
  recorded_by uuid references users (id),
  recorded_at timestamptz not null default now()
);
create index safeguarding_escalations_concern_idx on safeguarding_escalations (concern_id, escalated_on);

-- Every change to a concern, so that an update never loses what was there before.
create table safeguarding_concern_events (
  id uuid primary key default gen_random_uuid(),
  concern_id uuid not null references safeguarding_concerns (id),
  kind text not null check (kind in ('raised', 'escalated', 'outcome', 'closed', 'reopened')),
  -- The outcome written at that moment, or the escalation's target; never replaced.
  detail text check (length(detail) <= 4000),
  escalation_id uuid references safeguarding_escalations (id),
  actor_user_id uuid references users (id),
  at timestamptz not null default now()
);
create index safeguarding_concern_events_concern_idx on safeguarding_concern_events (concern_id, at);

-- The information-sharing log gains what a disclosure recorded by hand needs. Every new column is nullable, so the
-- code that already writes the log (connections, closing, transfer) keeps working unchanged.
alter table information_sharing_log add column recipient_kind text check (recipient_kind in ('asset', 'referrer', 'agency'));
alter table information_sharing_log add column consent_scope text;
alter table information_sharing_log add column shared_detail text check (length(shared_detail) <= 2000);
alter table information_sharing_log add column purpose_note text check (length(purpose_note) <= 2000);
alter table information_sharing_log add column safeguarding_concern_id uuid references safeguarding_concerns (id);
update information_sharing_log set recipient_kind = 'asset', consent_scope = case when basis = 'consent' then 'share_with_assets' end where connection_id is not null and recipient_kind is null;
