-- Issue 9, ADR 0028: a filtered report's statements each find the filter's referrals (their referral, episode and person
-- ids) in report_referral_facts. For one provider at national size that was a bitmap heap scan of about 49,000 rows
-- spread over the whole table (the facts are stored in the order received): about 200 ms a statement, most of a
-- month statement's time, paid by every one of a year's 240 month statements. With the ids in the index, the same rows
-- come from an index-only scan in about 10 ms.
--
-- The provider's and the local authority's indexes gain the ids (they keep their leading columns, which the costs
-- module's loose index scan and the period reads use); the health board, which a regional commissioner's filter names,
-- gets one; the team, which a team lead's names, had none, so each of its statements read the whole table.
drop index report_referral_facts_org_received_idx;
create index report_referral_facts_org_received_idx on report_referral_facts (organisation_id, received_on)
  include (referral_id, episode_id, person_id);
drop index report_referral_facts_la_received_idx;
create index report_referral_facts_la_received_idx on report_referral_facts (local_authority_code, received_on)
  include (referral_id, episode_id, person_id);
create index report_referral_facts_health_board_idx on report_referral_facts (health_board_code)
  include (referral_id, episode_id, person_id);
create index report_referral_facts_team_idx on report_referral_facts (team_id) include (referral_id, episode_id, person_id)
  where team_id is not null;
