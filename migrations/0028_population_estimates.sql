-- Issue 7 §3: mid-year population estimates (ONS MYE) by local authority and age band, for rates per 1,000.
-- Loaded by `cyswllt import-population FILE`, which replaces a whole year at once. sex is 'all' unless the file
-- gives it ('female', 'male').
create table population_estimates (
  year smallint not null check (year between 1990 and 2100),
  local_authority_code text not null,
  age_band text not null check (age_band in ('0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+')),
  sex text not null default 'all' check (sex in ('all', 'female', 'male')),
  population integer not null check (population >= 0),
  loaded_at timestamptz not null default now(),
  primary key (year, local_authority_code, age_band, sex)
);
