-- Editing the directory (issue 4 §4): who last verified a service, and the name and description changes an asset
-- organisation's users propose for their own services, which a directory editor approves or rejects.

alter table services add column last_verified_by uuid references users (id);

create table service_change_proposals (
  id uuid primary key,
  service_id uuid not null references services (id) on delete cascade,
  -- The asset organisation (an account organisation) whose user proposed the change.
  organisation_id uuid not null references organisations (id),
  proposed_by uuid not null references users (id),
  -- The whole proposed text in each language; null where the language is left empty.
  name text,
  name_cy text,
  description text,
  description_cy text,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  rejection_reason text,
  reviewed_by uuid references users (id),
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  check (name is not null or name_cy is not null),
  check (status <> 'rejected' or rejection_reason is not null)
);
create index service_change_proposals_pending_idx on service_change_proposals (created_at) where status = 'pending';
create index service_change_proposals_service_idx on service_change_proposals (service_id, created_at);
