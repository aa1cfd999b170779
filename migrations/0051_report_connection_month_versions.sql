-- Issue 9, month parts (ADR 0019): the travel measures (#17, #18, #38 in the journey; carbon and green and blue
-- prescribing in sustainability) read the connections themselves, each by one day: the UTC day a connection was made
-- (the journey's travel), the UK day it was made (green and blue) and the UK day it was first attended (carbon). So
-- they add up month by month too (reports/measures/journey-people.ts, sustainability.ts), and a change to a connection
-- moves the months of those days, the old row's and the new one's, with migration 0049's function.
--
-- Lock order (0049): a writer takes report_data_version before any month row. Connections were queued for the refresh
-- (0025) and did not move report_data_version themselves; they do now, first (its trigger's name sorts before the
-- month triggers', and statement triggers fire in name order). A changed connection changed the report anyway, once
-- the refresh had rewritten its facts.
create trigger report_data_version after insert or update or delete or truncate on connections
  for each statement execute function report_bump_data_version();

select report_add_month_triggers('connections', array[
  $e$t.created_at at time zone 'UTC'$e$,
  $e$t.created_at at time zone 'Europe/London'$e$,
  $e$t.first_attended_at at time zone 'Europe/London'$e$]);

-- The months the connections already have a day in get their row, as 0049 did for the other tables.
insert into report_month_versions (month, version)
select m.month, nextval('report_month_version_seq')
from (
  select distinct date_trunc('month', d.day)::date as month
  from (
    select (created_at at time zone 'UTC')::date as day from connections
    union select (created_at at time zone 'Europe/London')::date from connections
    union select (first_attended_at at time zone 'Europe/London')::date from connections) d
  where d.day is not null) m
order by m.month
on conflict (month) do update set version = excluded.version;
