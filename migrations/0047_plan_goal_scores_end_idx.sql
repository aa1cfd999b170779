-- Issue 9: goal attainment (#82, #83; reports/measures/journey.ts) counts the goals scored at the end of support in
-- the period. The scores of a national year are about 570,000, of which 170,000 are end scores, and they were found
-- by reading every score of the period from the table: 58,000 heap pages, about a second cold. This index holds the
-- end scores only, by date, with the two columns the measure reads, so a year's are read from the index alone.
create index plan_goal_scores_end_idx on plan_goal_scores (recorded_on) include (goal_id, attainment)
  where occasion = 'end';
