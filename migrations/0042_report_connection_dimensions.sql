-- Issue 9, the cold RBA report: the connection pass (CDS #112 by area, #50) read two columns of each connection's
-- referral facts, the person's local authority and the referral's reasons, so it joined the period's connection
-- facts to report_referral_facts: for all of Wales, to every one of its 1.25M rows (2.1 s at national size). They
-- are copied onto the connection's facts, written with them by the refresh (facts-sql.ts) from the referral facts
-- it has just written, so the pass reads its own rows alone.
alter table report_connection_facts add column local_authority_code text, add column reasons text[] not null default '{}';

-- One set-based update of the rows already there (their referral facts are as up to date as they are).
update report_connection_facts c set local_authority_code = f.local_authority_code, reasons = f.reasons
  from report_referral_facts f where f.referral_id = c.referral_id;
