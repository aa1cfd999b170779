-- Server-side sessions: the cookie holds a random id; only its SHA-256 digest is stored, so a copy of the
-- database cannot be replayed as a live session.
create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Personal API tokens for integrations: shown once, stored as a digest, expiring, revocable.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

-- The audit trail (DESIGN §3, §9): who did what to which record, from where. Written in the same transaction as
-- the change it records. Append-only: the triggers below refuse every update, delete and truncate.
create table audit_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_user_id uuid,
  action text not null,
  record_type text,
  record_id text,
  organisation_id uuid,
  request_id text,
  client_address text,
  outcome text not null default 'success' check (outcome in ('success', 'refused', 'failed')),
  detail jsonb
);
create index audit_events_occurred_idx on audit_events (occurred_at desc);
create index audit_events_actor_idx on audit_events (actor_user_id, occurred_at desc);
create index audit_events_record_idx on audit_events (record_type, record_id);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only: % is not allowed', tg_op;
end
$$;
create trigger audit_events_no_update_or_delete before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();
