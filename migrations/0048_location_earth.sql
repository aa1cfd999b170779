-- The distance index without a search_path (issue 9, found while benchmarking; docs/operations.md "Backup and
-- restore"). pg_restore, vacuumdb and, from PostgreSQL 17, every ANALYZE and CREATE INDEX evaluate index expressions
-- with an empty or "safe" search_path. earthdistance's ll_to_earth names the cube functions and the earth type
-- unqualified, so restoring a pg_dump of Cyswllt failed at locations_earth_idx ("type earth does not exist") and
-- `vacuumdb --analyze` stopped there too. A backup that cannot be restored is not a backup.
--
-- location_earth is ll_to_earth's own formula with every name qualified by the schema its extension lives in (found
-- here, not assumed to be public). It has no SET clause, so the planner still inlines it; queries and the index both
-- call location_earth on a location's columns, so they match however the planner folds them.
do $migration$
declare
  cube_schema text := (select quote_ident(n.nspname) from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'cube');
  earth_schema text := (select quote_ident(n.nspname) from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'earthdistance');
begin
  execute format(
    $fn$create function location_earth(latitude double precision, longitude double precision) returns %2$s.earth
      language sql immutable strict parallel safe
      as 'select %1$s.cube(%1$s.cube(%1$s.cube(%2$s.earth() * pg_catalog.cos(pg_catalog.radians($1)) * pg_catalog.cos(pg_catalog.radians($2))),
        %2$s.earth() * pg_catalog.cos(pg_catalog.radians($1)) * pg_catalog.sin(pg_catalog.radians($2))),
        %2$s.earth() * pg_catalog.sin(pg_catalog.radians($1)))::%2$s.earth'$fn$,
    cube_schema, earth_schema);
end
$migration$;

comment on function location_earth(double precision, double precision) is
  'll_to_earth with every name schema-qualified, so index expressions work under pg_restore, vacuumdb and PostgreSQL 17 maintenance (migration 0048)';

-- "if exists": a dump taken before this migration restores without the index (docs/operations.md).
drop index if exists locations_earth_idx;
create index locations_earth_idx on locations using gist (location_earth(latitude, longitude)) where latitude is not null and longitude is not null;
