-- Word search on short text (issue 9; docs/adr/0009-word-search.md, docs/directory-search.md).
--
-- Matching each query's words by trigrams against each service's whole search_text (~330 characters) made the index
-- recheck cost ~150-250 ms at 25,000 services. Instead each query word is matched, fuzzily, against the directory's
-- distinct words (a few thousand short rows, so trigram matching is cheap), and the services are then found by exact
-- lookups of those words in a GIN index on each service's word array.

-- 1. A service's words: search_text (already lower-case and accent-free) split on anything that is not a letter or a
--    digit. Generated, so every writer (editing, CSV and ORUK import, demo and synthetic data) keeps it right. The
--    query is split the same way (searchWords in src/features/directory/search/words.ts).
alter table services
  add column search_words text[] generated always as (array_remove(regexp_split_to_array(search_text, '[^a-z0-9]+'), '')) stored;
create index services_search_words_idx on services using gin (search_words);

-- 2. Every word any service has had. Words are only added: a word no service uses any more only costs a row here
--    (the service lookup finds nothing for it), and removing them would need a count per word on every write.
create table directory_words (
  word text primary key
);
create index directory_words_trgm_idx on directory_words using gin (word gin_trgm_ops);

insert into directory_words (word)
select distinct w from services, unnest(search_words) as w
on conflict do nothing;

-- 3. Kept on every write, once per statement (a bulk import adds its words in one insert). Loads that skip triggers
--    (the synthetic loader as superuser, session_replication_role = replica) call rememberDirectoryWords themselves.
create function remember_directory_words() returns trigger language plpgsql as $$
begin
  insert into directory_words (word)
  select distinct w from changed, unnest(changed.search_words) as w
  on conflict do nothing;
  return null;
end
$$;

create trigger services_words_insert after insert on services
  referencing new table as changed for each statement execute function remember_directory_words();
create trigger services_words_update after update on services
  referencing new table as changed for each statement execute function remember_directory_words();

-- 4. Migration 0035's search_trigrams only bounded the old whole-text similarity rank, which is gone.
alter table services drop column search_trigrams;
