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

-- 3. A version number for the set of services, bumped in the same transaction as any change to them, so the ORUK list
--    can keep its unfiltered count in the process and recount only when the version it reads has moved (counting
--    25,000 services per page was most of a page's database time). A row, not a sequence: a sequence moves before
--    the change commits, and a count taken in between would be kept under the new number.
create table directory_versions (
  id boolean primary key default true check (id),
  version bigint not null default 0
);
insert into directory_versions (id, version) values (true, 0);

create function bump_directory_version() returns trigger language plpgsql as $$
begin
  update directory_versions set version = version + 1;
  return null;
end
$$;

create trigger services_directory_version after insert or update or delete or truncate on services
  for each statement execute function bump_directory_version();
