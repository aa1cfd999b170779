-- The cold RBA report at national size (issue 9; docs/performance.md "RBA report at national size").
--
-- The episode measures find every episode started, closed or open in the period (measures/pathway.ts). "Open" is
-- "started before the period ends and not ended before it starts", which no index on one date could answer, so
-- finding a year's episodes among ten years' was a scan of every referral fact (about 1 s for all of Wales). The
-- query now also says the episode ended on or after the period's first day, is still open, or started on or after
-- that day (implied by each of the three, so no row changes); these two indexes answer it as three small ranges.
create index report_referral_facts_episode_started_idx on report_referral_facts (episode_started_on) where episode_id is not null;
create index report_referral_facts_episode_ended_idx on report_referral_facts (episode_ended_on) where episode_id is not null;
