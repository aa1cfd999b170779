-- Directory search and the ORUK service list at national size (issue 9; docs/directory-search.md, "Performance").
--
-- 1. search_trigrams: how many distinct trigrams search_text has (what pg_trgm's similarity() divides by). The search
--    ranks by greatest(similarity(search_text, q), word_similarity(q, search_text)); similarity can never exceed
--    trigrams(q) / search_trigrams, so whenever word similarity reaches that bound the rank is word similarity and the
--    whole-text similarity (about 40 µs a row over ~330 characters) need not be computed. Same ranks, less work.
--    A generated column, so every writer (editing, CSV and ORUK import, demo and synthetic data) keeps it right.
alter table services
  add column search_trigrams integer generated always as (coalesce(array_length(show_trgm(search_text), 1), 0)) stored;

-- 2. The ORUK /services list pages the visible services by name: without this index every page sorted all of them.
create index services_visible_name_idx on services (name, id) where status = 'active' and published;
