-- Issue 9, the cold RBA report: the journey and experience measures read these case tables by the date that puts a
-- row in the report's period, and none had an index on it, so each read was a scan of the whole table whatever the
-- period or filter. On the synthetic set at a quarter of national size (312,500 referrals; load average 15) they were
-- the slowest statements of a report: plan goal scores 1.0–4.2 s, connection events 1.2–3.3 s, action plans
-- 0.6–2.1 s, What Matters conversations 1.3–1.7 s, own words 1.8 s, the information sharing log 0.8–1.2 s.
-- Plain indexes, not partial ones: the queries pass their conditions as parameters.
create index plan_goal_scores_recorded_idx on plan_goal_scores (recorded_on);
create index connection_events_at_idx on connection_events (at);
create index action_plans_plan_on_idx on action_plans (plan_on);
create index what_matters_conversations_held_idx on what_matters_conversations (held_on);
create index own_words_outcomes_said_idx on own_words_outcomes (said_on);
create index information_sharing_log_shared_idx on information_sharing_log (shared_at);
create index safeguarding_concerns_raised_idx on safeguarding_concerns (raised_at);
create index experience_replies_period_idx on experience_replies (month);
