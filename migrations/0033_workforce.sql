-- Issue 8 §5, §7 (CS §111; CDS #5–#8, #26, #28, #29): the workforce record and dataset. One record per member of
-- staff; DBS checks and training kept as history; volunteers counted by period (not named: #29 asks for numbers).
create table workforce_records (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references users (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  job_title text not null check (length(btrim(job_title)) between 1 and 200),
  setting text not null check (setting in ('local_authority', 'third_sector', 'housing', 'education', 'primary_care', 'other')),
  setting_note text check (setting_note is null or length(setting_note) <= 200),
  contracted_hours numeric(4, 1) not null check (contracted_hours >= 0 and contracted_hours <= 60),
  fte numeric(3, 2) not null check (fte >= 0 and fte <= 1.5),
  start_date date not null,
  end_date date check (end_date is null or end_date >= start_date),
  -- NHS Wales / ESR Welsh language skills levels 0–5 (none, entry … proficient).
  welsh_skill text not null check (welsh_skill in ('none', 'entry', 'foundation', 'intermediate', 'advanced', 'proficient')),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null,
  check (setting <> 'other' or setting_note is not null)
);
create index workforce_records_org_idx on workforce_records (organisation_id);

create table dbs_checks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  level text not null check (level in ('basic', 'standard', 'enhanced', 'enhanced_barred')),
  checked_on date not null,
  certificate_reference text check (certificate_reference is null or length(certificate_reference) <= 40),
  renewal_months integer not null default 36 check (renewal_months between 1 and 120),
  update_service boolean not null default false,
  created_at timestamptz not null default now(),
  created_by uuid references users (id) on delete set null
);
create index dbs_checks_user_idx on dbs_checks (user_id, checked_on);

create table training_records (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  kind text not null check (kind in ('attended', 'delivered')),
  user_id uuid references users (id) on delete cascade,
  attendees integer check (attendees is null or attendees between 0 and 10000),
  title text not null check (length(btrim(title)) between 1 and 200),
  provider text check (provider is null or length(provider) <= 200),
  status text not null default 'completed' check (status in ('planned', 'completed')),
  held_on date not null,
  hours numeric(5, 2) not null check (hours > 0 and hours <= 200),
  targeted boolean not null default false,
  data_collection boolean not null default false,
  competence_area_ids text[] not null default '{}',
  created_at timestamptz not null default now(),
  created_by uuid references users (id) on delete set null,
  check ((kind = 'attended' and user_id is not null) or (kind = 'delivered' and user_id is null))
);
create index training_records_org_idx on training_records (organisation_id, held_on);
create index training_records_user_idx on training_records (user_id, held_on);

create table volunteer_counts (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  period_from date not null,
  period_to date not null check (period_to >= period_from),
  volunteers integer not null check (volunteers between 0 and 100000),
  hours numeric(8, 1) not null check (hours >= 0 and hours <= 1000000),
  created_at timestamptz not null default now(),
  created_by uuid references users (id) on delete set null
);
create index volunteer_counts_org_idx on volunteer_counts (organisation_id, period_from);
