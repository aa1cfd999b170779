-- The person's voice (issue 6 §5): outcomes in their own words (CDS #97), and the experience survey sent when an
-- episode closes, asking the Core Standards' Table 2 "How well?" measures (#70, #71, #72, #76, #80, #81, #94, #95).

-- What the person says has changed for them, in their words, as the practitioner wrote it down (CDS #97).
create table own_words_outcomes (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  -- The episode the person was in when they said it; null only when they had none (a follow-up after closing
  -- names the closed episode, so this is rarely null).
  episode_id uuid references episodes (id),
  organisation_id uuid not null references organisations (id),
  said_on date not null,
  words text not null check (length(btrim(words)) between 1 and 2000),
  -- A What Matters theme code (src/features/directory/matching/themes.ts) the words speak to, when one does.
  theme text,
  -- At which point of the journey: a plan review, the closing conversation, or a follow-up after support ended.
  occasion text not null check (occasion in ('review', 'closing', 'follow_up')),
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index own_words_outcomes_person_idx on own_words_outcomes (person_id, said_on);

-- One invitation per closed episode: the survey is offered at closing and may be sent later, but only once.
-- Its single-use link is in completion_links (purpose 'experience_survey', subject_id = this id).
create table experience_invitations (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id),
  episode_id uuid not null unique references episodes (id),
  organisation_id uuid not null references organisations (id),
  sent_by uuid references users (id),
  created_at timestamptz not null default now(),
  -- Only THAT a reply arrived, never which one: an anonymous reply must not be traceable back through this row.
  replied boolean not null default false
);

-- A reply. A named reply keeps its person, episode and invitation; an anonymous one keeps none of them, no time
-- finer than the month, and nothing else that could lead back to the person (the check below holds it so).
create table experience_replies (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  -- The first day of the month the reply arrived: all an anonymous reply says of when.
  month date not null check (extract(day from month) = 1),
  anonymous boolean not null,
  person_id uuid references people (id),
  episode_id uuid references episodes (id),
  invitation_id uuid unique references experience_invitations (id),
  received_at timestamptz,
  -- Five-point answers, 5 the best (very satisfied / strongly agree); null is "prefer not to say".
  service_satisfaction smallint check (service_satisfaction between 1 and 5),      -- CDS #94
  information_satisfaction smallint check (information_satisfaction between 1 and 5), -- CDS #72
  influenced_decisions smallint check (influenced_decisions between 1 and 5),      -- CDS #70
  positive_experience smallint check (positive_experience between 1 and 5),        -- CDS #71, #76
  -- Barriers met (CDS #80 getting to the services, #81 working with the practitioner): kinds from
  -- src/features/experience/questions.ts; 'none' alone when none; empty when not answered. 'other' is told in
  -- the comment if the person wishes.
  service_barriers text[] not null default '{}',
  practitioner_barriers text[] not null default '{}',
  comment text check (length(comment) <= 2000),
  check (
    (anonymous and person_id is null and episode_id is null and invitation_id is null and received_at is null)
    or (not anonymous and person_id is not null and episode_id is not null and invitation_id is not null and received_at is not null)
  )
);
create index experience_replies_month_idx on experience_replies (organisation_id, month);

-- Satisfaction with each service the person was connected to (CDS #95), by the service only.
create table experience_service_ratings (
  reply_id uuid not null references experience_replies (id) on delete cascade,
  service_id uuid not null references services (id),
  satisfaction smallint check (satisfaction between 1 and 5),
  primary key (reply_id, service_id)
);
