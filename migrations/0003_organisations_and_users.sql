-- Organisations and the people who sign in (DESIGN §1, §3). Every table of case data added later carries the
-- owning organisation_id: it is the access boundary and the future distribution column.
create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  name_cy text check (name_cy is null or length(name_cy) between 1 and 200),
  type text not null check (type in ('provider', 'referrer', 'asset', 'commissioner')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index organisations_name_key on organisations (lower(name));

-- The local authorities an organisation covers (a provider receives referrals for people living there).
create table organisation_areas (
  organisation_id uuid not null references organisations (id) on delete cascade,
  local_authority_code text not null references local_authorities (code),
  primary key (organisation_id, local_authority_code)
);
create index organisation_areas_local_authority_idx on organisation_areas (local_authority_code);

create table users (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  name text not null check (length(name) between 1 and 200),
  password_hash text,
  active boolean not null default true,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (email);
create index users_organisation_idx on users (organisation_id);

create table user_roles (
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('admin', 'practitioner', 'team_lead', 'referrer', 'asset', 'directory_editor', 'commissioner')),
  primary key (user_id, role)
);
