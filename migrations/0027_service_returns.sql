-- Issue 7 §4: figures a provider's managers enter for a period (a quarter or a financial year), answering the Core
-- Data Set statements no case record can: running costs (#10), continuation of funding (#9), staff and volunteers
-- (#28, #29), DBS checks (#26), training (#5–#8) and practitioner job satisfaction (#15). Organisational records,
-- not personal data. One return per organisation per period: overlapping periods are refused by the application
-- (in the transaction that writes, see features/service-returns/record.ts) with a message the manager can act on.
-- A figure left blank is null ("not given"), never 0.
create table service_returns (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  period_from date not null,
  period_to date not null,
  running_costs_pence bigint check (running_costs_pence >= 0),
  funding_continues text check (funding_continues in ('yes', 'no', 'not_known')),
  funding_note text check (length(funding_note) <= 1000),
  staff_headcount integer check (staff_headcount >= 0),
  staff_fte numeric(8, 2) check (staff_fte >= 0),
  volunteers integer check (volunteers >= 0),
  practitioners_dbs_checked integer check (practitioners_dbs_checked >= 0),
  staff_trained_data_collection integer check (staff_trained_data_collection >= 0),
  training_sessions integer check (training_sessions >= 0),
  staff_attending_training integer check (staff_attending_training >= 0),
  staff_completed_targeted_training integer check (staff_completed_targeted_training >= 0),
  satisfaction_respondents integer check (satisfaction_respondents >= 0),
  satisfaction_satisfied integer check (satisfaction_satisfied >= 0),
  version integer not null default 1,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  check (period_from <= period_to),
  check (satisfaction_satisfied <= satisfaction_respondents)
);
create index service_returns_org_period_idx on service_returns (organisation_id, period_from);
create index service_returns_period_idx on service_returns (period_from, period_to);

-- The running costs (#11) and figures of a community activity (#2, #3, #4, #14), per directory service per period,
-- entered by the asset organisation managing the service or by a provider's team lead. organisation_id is the
-- organisation that entered it: the record's access boundary.
create table activity_returns (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references services (id),
  organisation_id uuid not null references organisations (id),
  period_from date not null,
  period_to date not null,
  running_costs_pence bigint check (running_costs_pence >= 0),
  users_completed_training integer check (users_completed_training >= 0),
  user_training_sessions integer check (user_training_sessions >= 0),
  users_accessing_training integer check (users_accessing_training >= 0),
  staff_satisfaction_respondents integer check (staff_satisfaction_respondents >= 0),
  staff_satisfaction_satisfied integer check (staff_satisfaction_satisfied >= 0),
  version integer not null default 1,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  check (period_from <= period_to),
  check (staff_satisfaction_satisfied <= staff_satisfaction_respondents)
);
create index activity_returns_service_period_idx on activity_returns (service_id, period_from);
create index activity_returns_org_idx on activity_returns (organisation_id);

-- History kept: each edit stores the figures as they were before it (version n is replaced by n + 1).
create table return_versions (
  id uuid primary key default gen_random_uuid(),
  return_kind text not null check (return_kind in ('service', 'activity')),
  return_id uuid not null,
  version integer not null,
  figures jsonb not null,
  changed_by uuid references users (id),
  changed_at timestamptz not null default now(),
  unique (return_kind, return_id, version)
);

-- The sustainability measures (reports/measures/sustainability.ts) read connections by the day they were first
-- attended (travel carbon) and made (green and blue share), then keep those of the episodes in scope.
create index connections_first_attended_idx on connections (first_attended_at) where travel_mode is not null and travel_distance_km is not null;
create index connections_created_idx on connections (created_at);
