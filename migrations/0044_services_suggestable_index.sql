-- Issue 9: the person page's suggested services (directory/matching/repository.ts, candidateServices) take, besides
-- the services near the person, every active and published service with no place at all (reached by phone, online
-- or anywhere). Finding those means looking at every such service's id; this narrow index lets PostgreSQL do that
-- from the index alone instead of reading the whole services table (about 5,000 pages at 25,000 services) on every
-- view of a person. Built in about 5 s at 25,000 services on a loaded machine.
create index services_suggestable_idx on services (id) where status = 'active' and published;
