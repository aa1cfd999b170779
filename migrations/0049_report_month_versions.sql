-- Issue 9, the cold report (ADR 0019, docs/reports-engine.md "Month parts"): a year's report is twelve months, and
-- after a change most of them are as they were. The report engine keeps the additive parts of its largest passes
-- (counts, breakdowns, histograms of days) per calendar month, and computes again only the months whose facts have
-- changed since. This table says which: one row per month any facts row has a date in, with a new version whenever a
-- facts row with a date in that month is written or removed.
--
-- Versions come from a sequence, so a version is never reused, even after a rollback. Statement-level triggers with
-- transition tables, one per table and operation (PostgreSQL allows transition tables only on single-event
-- triggers), bump the months of every date of every row written: the old row's and the new one's, so a row that moves
-- out of a month changes that month too. The refresh rewrites a referral's rows in all three facts tables at once, so
-- a change to a referral's dimensions (its organisation, say) changes every month any of its rows is counted in, and
-- filtered month parts stay exact too. TRUNCATE (the full rebuild) gives every month a new version.
--
-- Lock order: every statement that writes a table with month triggers first updates the one row of
-- report_data_version (migration 0036, and below for connection_events; its trigger's name sorts before these, and
-- statement triggers fire in name order), so two writers never hold month rows in opposite orders.
create sequence report_month_version_seq;

create table report_month_versions (
  month date primary key,
  version bigint not null
);

-- The trigger's arguments are the dates that put a row in a period: SQL expressions over the row (`t`), each a date
-- (a column, a timestamp's day in the time zone the measures count it in, or a date found through another table).
create function report_bump_months() returns trigger language plpgsql as $$
declare
  sources text[];
  source text;
  day text;
  selects text[] := '{}';
begin
  if tg_op = 'TRUNCATE' then
    update report_month_versions set version = nextval('report_month_version_seq');
    return null;
  end if;
  sources := case tg_op when 'INSERT' then array['new_rows'] when 'DELETE' then array['old_rows']
    else array['old_rows', 'new_rows'] end;
  foreach source in array sources loop
    foreach day in array tg_argv loop
      selects := selects || format('select (%s)::date as day from %I t', day, source);
    end loop;
  end loop;
  -- In month order, so that concurrent writers (already ordered by report_data_version) take rows in one order.
  execute format('insert into report_month_versions (month, version)
    select m.month, nextval(''report_month_version_seq'')
    from (select distinct date_trunc(''month'', d.day)::date as month from (%s) d where d.day is not null) m
    order by m.month
    on conflict (month) do update set version = excluded.version', array_to_string(selects, ' union all '));
  return null;
end $$;

-- Gives a table the four month triggers, dated by `days` (the trigger's arguments above). Later migrations call it for
-- the tables they add to the month parts (0050).
create function report_add_month_triggers(target text, days text[]) returns void language plpgsql as $$
declare
  args text := array_to_string(array(select quote_literal(d) from unnest(days) d), ', ');
begin
  execute format('create trigger report_month_versions_insert after insert on %I referencing new table as new_rows
    for each statement execute function report_bump_months(%s)', target, args);
  execute format('create trigger report_month_versions_update after update on %I
    referencing old table as old_rows new table as new_rows for each statement execute function report_bump_months(%s)',
    target, args);
  execute format('create trigger report_month_versions_delete after delete on %I referencing old table as old_rows
    for each statement execute function report_bump_months(%s)', target, args);
  execute format('create trigger report_month_versions_truncate after truncate on %I
    for each statement execute function report_bump_months()', target);
end $$;

select report_add_month_triggers('report_referral_facts', array['t.received_on', 't.episode_started_on', 't.episode_ended_on']);
select report_add_month_triggers('report_connection_facts', array['t.created_on', 't.ended_on', 't.first_attended_on']);
select report_add_month_triggers('report_contact_facts', array['t.occurred_on', $e$t.occurred_at at time zone 'UTC'$e$]);
-- What the experience measures read besides the facts (measures/experience.ts): replies by their month, a service
-- rating by its reply's, connection moves by their UTC day.
select report_add_month_triggers('experience_replies', array['t.month']);
select report_add_month_triggers('experience_service_ratings',
  array['(select r.month from experience_replies r where r.id = t.reply_id)']);
select report_add_month_triggers('connection_events', array[$e$t.at at time zone 'UTC'$e$]);
-- Closing outcomes count by the day their episode ended, as its facts say (measures/closing-outcomes.ts). An episode's
-- facts are rewritten when it closes, which moves that month; this moves it when the answers change.
select report_add_month_triggers('episode_closing_outcomes',
  array['(select max(f.episode_ended_on) from report_referral_facts f where f.episode_id = t.episode_id)']);

-- The connection moves were the one table with month triggers that did not move report_data_version (their changes
-- reach the report through the refresh's queue). They move it now too, so that their writers also take that row
-- first, and no two writers take month rows in opposite orders.
create trigger report_data_version after insert or update or delete or truncate on connection_events
  for each statement execute function report_bump_data_version();

-- The month parts read a month's connections by any of the three days that put a connection in a period (made,
-- ended, first attended); only the first had an index, so each month was a scan of every connection.
create index report_connection_facts_ended_idx on report_connection_facts (ended_on) where kind is not null;
create index report_connection_facts_attended_idx on report_connection_facts (first_attended_on) where kind is not null;

-- Every month the tables already have a date in gets its row now, so that a month which has data always has one (a
-- TRUNCATE moves only the rows there are).
insert into report_month_versions (month, version)
select m.month, nextval('report_month_version_seq')
from (
  select distinct date_trunc('month', d.day)::date as month
  from (
    select received_on as day from report_referral_facts
    union select episode_started_on from report_referral_facts
    union select episode_ended_on from report_referral_facts
    union select created_on from report_connection_facts
    union select ended_on from report_connection_facts
    union select first_attended_on from report_connection_facts
    union select occurred_on from report_contact_facts
    union select (occurred_at at time zone 'UTC')::date from report_contact_facts
    union select month from experience_replies
    union select (at at time zone 'UTC')::date from connection_events) d
  where d.day is not null) m
order by m.month;
