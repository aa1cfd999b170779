-- Issue 9, ADR 0022: a month's version per table. Until now one version per month moved whenever any table with month
-- triggers had a row written with a date in it, and every month statement of that month was computed again. Now each
-- table moves its own row of the month, and a month statement is kept under the versions of the tables it reads
-- (found from its own SQL, engine/tables-read.ts): a contact recorded today recomputes today's statements that read
-- contacts or the referral's facts, not What Matters conversations, plans, goals or outcomes.
--
-- A trigger whose dates come through another table (a connection moving the months of its episode's end scores, 0052;
-- closing answers dated by their episode's end, 0049) still moves them under its own table, which the statement that
-- needs it reads: that is why it moves them.
alter table report_month_versions add column source text;
alter table report_month_versions drop constraint report_month_versions_pkey;

-- Every month that had a row gets one per table with month triggers, so that a month with data still always has a row
-- for each table (TRUNCATE moves only the rows there are: 0049).
insert into report_month_versions (source, month, version)
select t.source, m.month, nextval('report_month_version_seq')
from (select month from report_month_versions where source is null) m
cross join (select distinct c.relname::text as source from pg_trigger g join pg_class c on c.oid = g.tgrelid
  where g.tgname = 'report_month_versions_insert' and c.relnamespace = current_schema()::regnamespace) t
order by 1, 2;
delete from report_month_versions where source is null;
alter table report_month_versions alter column source set not null;
alter table report_month_versions add primary key (source, month);

create or replace function report_bump_months() returns trigger language plpgsql as $$
declare
  transitions text[];
  transition text;
  day text;
  selects text[] := '{}';
begin
  if tg_op = 'TRUNCATE' then
    update report_month_versions set version = nextval('report_month_version_seq') where source = tg_table_name;
    return null;
  end if;
  transitions := case tg_op when 'INSERT' then array['new_rows'] when 'DELETE' then array['old_rows']
    else array['old_rows', 'new_rows'] end;
  foreach transition in array transitions loop
    foreach day in array tg_argv loop
      selects := selects || format('select (%s)::date as day from %I t', day, transition);
    end loop;
  end loop;
  -- In month order, so that concurrent writers (already ordered by report_data_version) take rows in one order.
  execute format('insert into report_month_versions (source, month, version)
    select %L, m.month, nextval(''report_month_version_seq'')
    from (select distinct date_trunc(''month'', d.day)::date as month from (%s) d where d.day is not null) m
    order by m.month
    on conflict (source, month) do update set version = excluded.version', tg_table_name, array_to_string(selects, ' union all '));
  return null;
end $$;
