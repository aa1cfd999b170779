-- Issue 9, month sets (ADR 0020): the journey's measures that count each episode or goal once over the period read
-- their case tables directly, each row by one day: a What Matters conversation by the day it was held, an action plan
-- by its day, an own-words outcome by the day it was said, a goal's end score by the day it was recorded. Each month's
-- set is kept while its version stands, so a change to any of these rows moves the months of its days (the old row's
-- and the new one's), with migration 0049's function.
--
-- Goal attainment with a completed connection (#83) also depends on the episode's connections: a connection that
-- becomes completed (or stops being) changes the months of its episode's end scores, so the connections' month
-- triggers (migration 0051) now name those days too; a goal moved to another episode (never done by the service, but
-- possible) moves its end scores' months.
--
-- Lock order (0049): a writer takes report_data_version before any month row. The conversations, goal scores and own
-- words were queued for the refresh (0025) and did not move it themselves; they do now (action plans and goals
-- already did, 0036).
create trigger report_data_version after insert or update or delete or truncate on what_matters_conversations
  for each statement execute function report_bump_data_version();
create trigger report_data_version after insert or update or delete or truncate on plan_goal_scores
  for each statement execute function report_bump_data_version();
create trigger report_data_version after insert or update or delete or truncate on own_words_outcomes
  for each statement execute function report_bump_data_version();

select report_add_month_triggers('what_matters_conversations', array['t.held_on']);
select report_add_month_triggers('action_plans', array['t.plan_on']);
select report_add_month_triggers('own_words_outcomes', array['t.said_on']);
select report_add_month_triggers('plan_goal_scores', array['t.recorded_on']);
select report_add_month_triggers('plan_goals',
  array[$e$unnest(array(select s.recorded_on from plan_goal_scores s where s.goal_id = t.id and s.occasion = 'end'))$e$]);

drop trigger report_month_versions_insert on connections;
drop trigger report_month_versions_update on connections;
drop trigger report_month_versions_delete on connections;
drop trigger report_month_versions_truncate on connections;
select report_add_month_triggers('connections', array[
  $e$t.created_at at time zone 'UTC'$e$,
  $e$t.created_at at time zone 'Europe/London'$e$,
  $e$t.first_attended_at at time zone 'Europe/London'$e$,
  $e$unnest(array(select s.recorded_on from plan_goals g join plan_goal_scores s on s.goal_id = g.id
    where g.episode_id = t.episode_id and s.occasion = 'end'))$e$]);

-- The months these tables already have a day in get their row, as 0049 did for the others.
insert into report_month_versions (month, version)
select m.month, nextval('report_month_version_seq')
from (
  select distinct date_trunc('month', d.day)::date as month
  from (
    select held_on as day from what_matters_conversations
    union select plan_on from action_plans
    union select said_on from own_words_outcomes
    union select recorded_on from plan_goal_scores) d
  where d.day is not null) m
order by m.month
on conflict (month) do update set version = excluded.version;
