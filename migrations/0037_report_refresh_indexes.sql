-- Issue 9: the report refresh (reports/engine/refresh.ts, measures/outcomes-refresh.ts) reads a batch of episodes'
-- healthcare use and plan goals by episode. Neither table had an index on episode_id, so every batch scanned the
-- whole table: the refresh grew with the square of the data (a full rebuild at national size took hours).
create index healthcare_use_episode_idx on healthcare_use (episode_id);
create index plan_goals_episode_idx on plan_goals (episode_id);
