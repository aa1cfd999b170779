-- Issue 9: the person page reads these tables by person_id, and none had an index on it, so each read was a scan
-- of the whole table. At national size (1,000,000 episodes) the page took 1.2 s, about 85 ms for each of its ten
-- reads of episodes alone (measured with log_min_duration_statement on the synthetic set).
create index episodes_person_idx on episodes (person_id, started_at desc);
create index plan_reviews_person_idx on plan_reviews (person_id);
create index healthcare_use_person_idx on healthcare_use (person_id);
create index experience_invitations_person_idx on experience_invitations (person_id);
create index follow_ups_person_idx on follow_ups (person_id);
