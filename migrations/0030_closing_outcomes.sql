-- Issue 7 §1: what the person says changed, asked when their episode of support closes (Core Data Set #1, #74, #79,
-- #89, #63, #62, #110, #12, #33; docs/closing-outcomes.md). A table of its own rather than columns on `episodes`:
-- it is optional and answered by few episodes, it has its own who/when (recorded_by, recorded_at, updated_at) because
-- it may be corrected after the closing, and `episodes` (1M rows at national scale) stays as narrow as it is.
-- A null answer means "not asked"; 'not_known' means the person was asked and did not know or would not say.
create table episode_closing_outcomes (
  episode_id uuid primary key references episodes (id),
  person_id uuid not null references people (id),
  organisation_id uuid not null references organisations (id),
  -- #1 learnt new skills
  learnt_skills text check (learnt_skills in ('yes', 'no', 'not_known')),
  -- #74 knows more about the services and support available
  knows_support text check (knows_support in ('yes', 'no', 'not_known')),
  -- #79 started to volunteer as a result of social prescribing
  started_volunteering text check (started_volunteering in ('yes', 'no', 'not_known')),
  -- #89 change to benefits or income
  benefits_income text check (benefits_income in ('increased', 'decreased', 'no_change', 'not_known')),
  -- #63 change in employment
  employment text check (employment in ('into_work', 'more_hours', 'fewer_hours', 'out_of_work', 'no_change', 'not_known')),
  -- #62 change in medication or prescriptions
  medication text check (medication in ('reduced', 'increased', 'no_change', 'not_known')),
  -- #110 social prescribing filled a gap while waiting for statutory services
  statutory_gap text check (statutory_gap in ('yes', 'no', 'not_known')),
  -- #12 the social prescription resulted in a carer's assessment
  carers_assessment text check (carers_assessment in ('yes', 'no', 'not_known')),
  -- #33 a carer supported the person to access an activity they were referred to
  carer_supports_access text check (carer_supports_access in ('yes', 'no', 'not_known')),
  recorded_by uuid references users (id),
  recorded_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index episode_closing_outcomes_person_idx on episode_closing_outcomes (person_id);
