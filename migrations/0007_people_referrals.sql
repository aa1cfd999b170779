-- The person record, referrals, triage and consent (issue 3; DESIGN §2 steps 1–3). Every table carries the
-- organisation_id of the social prescribing provider that holds the record: the access boundary (DESIGN §3).

create table people (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  given_name text not null check (length(given_name) between 1 and 100),
  family_name text not null check (length(family_name) between 1 and 100),
  -- Lower-case, accent-free, single-spaced names: what duplicate detection compares.
  match_name text not null,
  date_of_birth date not null,
  nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
  postcode text,
  local_authority_code text references local_authorities (code),
  lsoa_code text,
  wimd_decile smallint check (wimd_decile between 1 and 10),
  phone text,
  email text,
  address text,
  contact_methods text[] not null default '{}',
  contact_times text,
  safe_to_leave_message boolean,
  -- CDS #13: the language of choice and whether the Welsh active offer was made.
  language text not null default 'en' check (language in ('cy', 'en')),
  welsh_offer_made boolean not null default false,
  communication_needs text[] not null default '{}',
  interpreter_language text,
  -- CDS #36: protected characteristics, each allowing 'prefer_not_to_say'; null means not asked yet.
  sex text,
  gender_identity text,
  sexual_orientation text,
  ethnicity text,
  religion text,
  disability text,
  pregnancy_maternity text,
  marital_status text,
  -- CDS #32–35, #31.
  is_carer text check (is_carer in ('yes', 'no', 'prefer_not_to_say')),
  has_support text check (has_support in ('yes', 'no', 'prefer_not_to_say')),
  housing_tenure text,
  used_social_prescribing_before text check (used_social_prescribing_before in ('yes', 'no', 'not_sure')),
  -- Life course (CS Std 5): for under-18s, the parent, guardian or carer.
  guardian_name text,
  guardian_relationship text,
  guardian_contact text,
  guardian_has_parental_responsibility boolean,
  -- Set when a practitioner links this record to an earlier one for the same person (never merged silently).
  duplicate_of uuid references people (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_organisation_idx on people (organisation_id);
create index people_nhs_number_idx on people (nhs_number) where nhs_number is not null;
create index people_match_idx on people (match_name, date_of_birth);
create index people_dob_postcode_idx on people (date_of_birth, postcode);

create table referrals (
  id uuid primary key default gen_random_uuid(),
  -- Short reference people can read out on the phone, e.g. CYS-4K7P-2QXM.
  reference text not null unique,
  person_id uuid not null references people (id),
  organisation_id uuid not null references organisations (id),
  -- CDS #41, #52: the route the referral came by.
  route text not null check (route in ('self', 'primary_care', 'secondary_care', 'social_services', 'housing', 'police', 'fire_and_rescue', 'education', 'job_centre', 'third_sector', 'other')),
  channel text not null check (channel in ('self_referral_form', 'professional_form', 'api', 'practitioner')),
  referrer_user_id uuid references users (id),
  referrer_organisation_id uuid references organisations (id),
  referrer_name text,
  referrer_role text,
  referrer_organisation_name text,
  referrer_contact text,
  -- CDS #51 and the person's own words.
  reasons text[] not null,
  reason_details text,
  clinical_diagnosis text,
  risks text,
  lone_worker_risk boolean not null default false,
  urgency text not null default 'routine' check (urgency in ('routine', 'soon', 'urgent')),
  -- A person in crisis goes to the top of the queue (CS §12).
  crisis boolean not null default false,
  person_agreed boolean not null,
  share_outcome_with_referrer boolean not null default false,
  consent_given_by text not null default 'person' check (consent_given_by in ('person', 'parent_guardian')),
  young_person_competent boolean,
  status text not null default 'received' check (status in ('received', 'accepted', 'declined', 'unable_to_contact')),
  received_at timestamptz not null default now(),
  first_contact_at timestamptz,
  triaged_at timestamptz,
  triaged_by uuid references users (id),
  decline_reason text check (decline_reason in ('multi_agency', 'clinical_or_specialist', 'acute_mental_health', 'safeguarding', 'out_of_area', 'duplicate', 'person_declined')),
  decline_explanation text,
  redirected_to text,
  allocated_practitioner_id uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'declined' or decline_reason is not null)
);
create index referrals_queue_idx on referrals (organisation_id, status, crisis desc, received_at);
create index referrals_person_idx on referrals (person_id);
create index referrals_referrer_idx on referrals (referrer_user_id);

create table referral_contact_attempts (
  id uuid primary key default gen_random_uuid(),
  referral_id uuid not null references referrals (id),
  organisation_id uuid not null references organisations (id),
  attempted_at timestamptz not null default now(),
  mode text not null check (mode in ('phone', 'email', 'text', 'letter', 'in_person', 'video')),
  successful boolean not null,
  note text,
  recorded_by uuid references users (id)
);
create index referral_contact_attempts_referral_idx on referral_contact_attempts (referral_id, attempted_at);

-- An episode of support begins when a referral is accepted (the journey issue adds its content).
create table episodes (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  referral_id uuid not null unique references referrals (id),
  organisation_id uuid not null references organisations (id),
  practitioner_id uuid references users (id),
  status text not null default 'open' check (status in ('open', 'closed')),
  started_at timestamptz not null default now(),
  ended_at timestamptz
);
create index episodes_practitioner_idx on episodes (practitioner_id, status);
create index episodes_organisation_idx on episodes (organisation_id, status);

-- Consent as records (DESIGN §2 step 3): the latest record per person and scope is in force.
create table consents (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  organisation_id uuid not null references organisations (id),
  scope text not null check (scope in ('receive_support', 'share_with_referrer', 'share_with_assets', 'contact_for_feedback', 'case_study')),
  given boolean not null,
  method text not null check (method in ('online_form', 'verbal', 'written', 'via_referrer', 'api')),
  given_by text not null default 'person' check (given_by in ('person', 'parent_guardian', 'representative')),
  recorded_at timestamptz not null default now(),
  recorded_by uuid references users (id),
  note text
);
create index consents_person_idx on consents (person_id, scope, recorded_at desc);

-- Messages to referrers and people, sent through a notifier (logged now; GOV.UK Notify later).
create table notifications (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  referral_id uuid references referrals (id),
  recipient_user_id uuid references users (id),
  kind text not null,
  channel text not null default 'log',
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notifications_recipient_idx on notifications (recipient_user_id, created_at desc);
