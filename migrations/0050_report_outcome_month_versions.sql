-- Issue 9, month parts (ADR 0019): the outcome pairs and the measures given (#78) count by one date each, the day a
-- pair is counted (its later score's, or its episode's end when it was lost to follow-up) and the day a measure was
-- taken, so the outcomes' pass adds up month by month too (reports/measures/outcomes.ts). Their rows are rewritten with
-- a referral's facts by the refresh; these triggers move the months of the rows written, as migration 0049's do for
-- the facts tables (the same function, the same lock order: both tables already move report_data_version).
select report_add_month_triggers('report_outcome_pairs', array['t.counted_on']);
select report_add_month_triggers('report_measure_administrations', array['t.taken_on']);

-- The months these tables already have a date in get their row, as 0049 did for the others.
insert into report_month_versions (month, version)
select m.month, nextval('report_month_version_seq')
from (
  select distinct date_trunc('month', d.day)::date as month
  from (select counted_on as day from report_outcome_pairs union select taken_on from report_measure_administrations) d
  where d.day is not null) m
order by m.month
on conflict (month) do update set version = excluded.version;
