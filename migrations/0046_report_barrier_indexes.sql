-- Issue 9: the experience measures (#80, #81, #55, #124; reports/measures/experience.ts) read the connection moves
-- and missed contacts of the period that name a barrier or a reason. Those are about one in seven connection events
-- and one in ten contacts, so the period's rows of either were found by reading every row of the period (or, for
-- the events, the whole table): 0.5 s each for a national year. These partial indexes hold only the rows that name
-- something, by date; their predicates are the queries' own conditions, so the planner can use them.
create index connection_events_named_at_idx on connection_events (at)
  where cardinality(barriers) > 0 or cardinality(not_acting_reasons) > 0;
create index report_contact_facts_barriers_idx on report_contact_facts (occurred_at)
  where cardinality(barriers) > 0;
