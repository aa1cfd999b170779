-- Issue 9: #54 counts the people whose information was shared with another agency in the period. The log's index by
-- day (0043) found every sharing of a national year (about 156,000 rows) and read each one to keep the few whose
-- recipient was an agency: 0.8 s, at every build of a report. This index holds only those, with the person, so the
-- read is the index's alone.
create index information_sharing_log_agency_idx on information_sharing_log (shared_at) include (person_id)
  where recipient_kind = 'agency';
