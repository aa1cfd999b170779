-- The community asset directory (issue 4; DESIGN §5), following Open Referral UK 3.0: organisation, service,
-- location, address, service at location, schedule, contact, phone, cost option, service area, language,
-- accessibility, funding, taxonomy, taxonomy term and attribute, each with a UUID id as in the standard.
-- Directory organisations are the providers of community services as ORUK describes them; they are not
-- Cyswllt's own organisations (accounts), although an asset organisation's account may manage some of them.

create table directory_organisations (
  id uuid primary key,
  name text not null,
  name_cy text,
  description text not null default '',
  description_cy text,
  email text,
  website text,
  logo text,
  uri text,
  parent_organisation_id uuid references directory_organisations (id),
  -- The Cyswllt organisation (type asset) whose users keep this organisation's services up to date.
  managed_by_organisation_id uuid references organisations (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table services (
  id uuid primary key,
  directory_organisation_id uuid references directory_organisations (id),
  name text not null,
  name_cy text,
  description text,
  description_cy text,
  url text,
  email text,
  status text not null default 'active' check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
  fees text,
  accreditations text,
  minimum_age numeric,
  maximum_age numeric,
  assured_date date,
  assurer_email text,
  alert text,
  -- Cyswllt additions (DESIGN §5, CS Table 1).
  how_to_access text check (how_to_access in ('open_access', 'via_practitioner', 'referral_form')),
  capacity_status text check (capacity_status in ('places_available', 'limited', 'full', 'waiting_list')),
  waiting_list_weeks smallint check (waiting_list_weeks between 0 and 104),
  capacity_confirmed_at timestamptz,
  welsh_provision text check (welsh_provision in ('welsh_medium', 'bilingual', 'english_only')),
  life_stages text[] not null default '{}',
  accessibility_features text[] not null default '{}',
  attending_types text[] not null default '{}',
  free_or_low_cost boolean,
  safeguarding_policy boolean,
  dbs_checks boolean,
  last_verified_at timestamptz,
  published boolean not null default true,
  -- Lower-case, accent-free English and Welsh names and descriptions, kept by the application: what word search
  -- matches with trigrams (ŵ = w, and small misspellings still find it).
  search_text text not null default '',
  created_at timestamptz not null default now(),
  last_modified timestamptz not null default now()
);
create index services_organisation_idx on services (directory_organisation_id);
create index services_search_trgm_idx on services using gin (search_text gin_trgm_ops);
create index services_modified_idx on services (last_modified);
create index services_published_idx on services (status, published);

create table locations (
  id uuid primary key,
  location_type text not null default 'physical' check (location_type in ('physical', 'postal', 'virtual')),
  name text,
  name_cy text,
  description text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  external_identifier text,
  external_identifier_type text,
  directory_organisation_id uuid references directory_organisations (id)
);
-- Distance search: a cube index on the point on the earth's surface.
create index locations_earth_idx on locations using gist (ll_to_earth(latitude, longitude)) where latitude is not null and longitude is not null;

create table addresses (
  id uuid primary key,
  location_id uuid not null references locations (id) on delete cascade,
  attention text,
  address_1 text not null,
  city text not null,
  region text,
  state_province text not null default '',
  postal_code text not null,
  country text not null default 'GB',
  address_type text not null default 'physical'
);
create index addresses_location_idx on addresses (location_id);

create table service_at_locations (
  id uuid primary key,
  service_id uuid not null references services (id) on delete cascade,
  location_id uuid not null references locations (id) on delete cascade,
  unique (service_id, location_id)
);
create index service_at_locations_location_idx on service_at_locations (location_id);

create table schedules (
  id uuid primary key,
  service_id uuid references services (id) on delete cascade,
  service_at_location_id uuid references service_at_locations (id) on delete cascade,
  valid_from date,
  valid_to date,
  dtstart timestamptz,
  freq text,
  interval integer,
  byday text,
  bymonthday text,
  description text,
  description_cy text,
  opens_at time,
  closes_at time,
  schedule_link text,
  attending_type text,
  notes text
);
create index schedules_service_idx on schedules (service_id);

create table contacts (
  id uuid primary key,
  service_id uuid references services (id) on delete cascade,
  name text,
  title text,
  email text
);
create index contacts_service_idx on contacts (service_id);

create table phones (
  id uuid primary key,
  service_id uuid references services (id) on delete cascade,
  contact_id uuid references contacts (id) on delete cascade,
  number text not null,
  description text
);
create index phones_service_idx on phones (service_id);

create table cost_options (
  id uuid primary key,
  service_id uuid not null references services (id) on delete cascade,
  valid_from date,
  valid_to date,
  option text,
  amount numeric,
  amount_description text
);
create index cost_options_service_idx on cost_options (service_id);

create table service_areas (
  id uuid primary key,
  service_id uuid not null references services (id) on delete cascade,
  name text,
  description text,
  extent text,
  extent_type text,
  uri text,
  local_authority_code text references local_authorities (code)
);
create index service_areas_service_idx on service_areas (service_id);

create table service_languages (
  id uuid primary key,
  service_id uuid references services (id) on delete cascade,
  phone_id uuid references phones (id) on delete cascade,
  name text,
  code text,
  note text
);
create index service_languages_service_idx on service_languages (service_id);

create table accessibility (
  id uuid primary key,
  location_id uuid not null references locations (id) on delete cascade,
  description text,
  details text,
  url text
);
create index accessibility_location_idx on accessibility (location_id);

create table fundings (
  id uuid primary key,
  service_id uuid references services (id) on delete cascade,
  source text
);

create table taxonomies (
  id uuid primary key,
  name text not null,
  name_cy text,
  description text not null default '',
  uri text,
  version text
);

create table taxonomy_terms (
  id uuid primary key,
  taxonomy_id uuid references taxonomies (id),
  parent_id uuid references taxonomy_terms (id),
  code text,
  name text not null,
  name_cy text,
  description text not null default '',
  description_cy text,
  term_uri text
);
create index taxonomy_terms_taxonomy_idx on taxonomy_terms (taxonomy_id);

-- ORUK attributes: a taxonomy term attached to a service, organisation, location or other record.
create table attributes (
  id uuid primary key,
  link_id uuid not null,
  link_type text not null,
  taxonomy_term_id uuid not null references taxonomy_terms (id),
  value text
);
create index attributes_link_idx on attributes (link_id, link_type);
create index attributes_term_idx on attributes (taxonomy_term_id, link_type);
