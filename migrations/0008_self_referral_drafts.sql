-- Answers to the public self-referral journey between its pages (issue 3 §1). The browser holds a random token in
-- the `cyswllt_self_referral` cookie; only its SHA-256 digest is stored, as for sessions. A draft lives 2 hours
-- after its last change, is deleted when the referral is sent, and expired drafts are purged as new ones start.
create table self_referral_drafts (
  id_hash text primary key,
  answers jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index self_referral_drafts_expires_idx on self_referral_drafts (expires_at);
