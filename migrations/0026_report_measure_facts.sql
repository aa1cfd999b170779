-- Issue 7 §2, §7: outcome change per instrument read from one row per person, episode, instrument and series, kept
-- up to date by the outcome module's refresh (src/features/reports/measures/outcomes-refresh.ts) for the referrals
-- whose facts change, so that a report never scores measures per page view. Also holds the other start → latest
-- pairs the outcome statements need: self-reported healthcare use (CDS #57–#61) and plan goal motivation (#96).
create table report_outcome_pairs (
  referral_id uuid not null references referrals (id) on delete cascade,
  episode_id uuid not null,
  person_id uuid not null,
  -- An instrument id (instruments contract), or 'healthcare_use' / 'plan_motivation'.
  instrument_id text not null,
  -- The instrument's series (SWEMWBS 'metric', ONS4 per question, DJG 'total'/'social' …), or the healthcare item.
  series text not null,
  -- What one pair is about: the episode for measures and healthcare use, the goal for plan scores.
  subject_id uuid not null,
  baseline_value double precision not null,
  baseline_on date not null,
  -- The latest later score; null while there is none (lost to follow-up once the episode has ended).
  latest_value double precision,
  latest_on date,
  -- Whether the change meets the instrument's published (lenient) threshold; null when none is published.
  meets_threshold boolean,
  -- The day that puts the row in a report's period: the later score's, or for a baseline without one (lost to
  -- follow-up) the day its episode ended; null while an open episode waits for its later score.
  counted_on date,
  primary key (referral_id, instrument_id, series, subject_id)
);
create index report_outcome_pairs_counted_idx on report_outcome_pairs (counted_on);

-- PROMs given (CDS #78): complete measures per referral, instrument and day taken, so that a report counts them
-- without reading the measures table.
create table report_measure_administrations (
  referral_id uuid not null references referrals (id) on delete cascade,
  instrument_id text not null,
  taken_on date not null,
  administrations integer not null check (administrations > 0),
  primary key (referral_id, instrument_id, taken_on)
);
create index report_measure_administrations_taken_idx on report_measure_administrations (taken_on);
