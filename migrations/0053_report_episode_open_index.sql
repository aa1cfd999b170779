-- Issue 9, month sets (ADR 0020): the people supported (#111) are those with an episode started in the period (a month
-- set) or open on its first day: started before it, and ended on or after that day or not at all. The second part is
-- read at every build, from 0038's index of episodes by their end; at national size that found about 140,000 episodes
-- and read each one's facts row for its start and person (0.5–1.0 s). This index carries both, so the read is the
-- index's alone (about 45 ms). It replaces 0038's index on the same key, which the closed episodes' reads use as well.
create index report_referral_facts_episode_open_idx on report_referral_facts (episode_ended_on)
  include (episode_started_on, person_id) where episode_id is not null;
drop index report_referral_facts_episode_ended_idx;
