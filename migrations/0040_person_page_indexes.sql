-- Issue 9: the person page lists the records linked to this one as duplicates (`people.duplicate_of`); with no
-- index that was a scan of every person on every page view (8.5 ms at 8,500 people, a second at national size).
-- Almost every person has none, so the index holds only the linked ones.
create index people_duplicate_of_idx on people (duplicate_of) where duplicate_of is not null;
