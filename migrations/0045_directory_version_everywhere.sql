-- The directory version (0035) moves with every directory table, not only services (issue 9: caching of reference
-- data). The ORUK API keeps serialised responses in the process under the version they were read at
-- (src/features/directory/oruk-api/cache.ts); a response shows an organisation, its locations, schedules, contacts,
-- taxonomy terms and so on, so a change to any of them must move the version in the same transaction, as a change
-- to services already does. Statement-level triggers: a whole CSV import moves it once per statement, not per row.
-- Adds triggers only (no table is rewritten), so it applies at any size in milliseconds.
create trigger directory_organisations_directory_version after insert or update or delete or truncate on directory_organisations
  for each statement execute function bump_directory_version();
create trigger locations_directory_version after insert or update or delete or truncate on locations
  for each statement execute function bump_directory_version();
create trigger addresses_directory_version after insert or update or delete or truncate on addresses
  for each statement execute function bump_directory_version();
create trigger accessibility_directory_version after insert or update or delete or truncate on accessibility
  for each statement execute function bump_directory_version();
create trigger service_at_locations_directory_version after insert or update or delete or truncate on service_at_locations
  for each statement execute function bump_directory_version();
create trigger schedules_directory_version after insert or update or delete or truncate on schedules
  for each statement execute function bump_directory_version();
create trigger contacts_directory_version after insert or update or delete or truncate on contacts
  for each statement execute function bump_directory_version();
create trigger phones_directory_version after insert or update or delete or truncate on phones
  for each statement execute function bump_directory_version();
create trigger cost_options_directory_version after insert or update or delete or truncate on cost_options
  for each statement execute function bump_directory_version();
create trigger service_areas_directory_version after insert or update or delete or truncate on service_areas
  for each statement execute function bump_directory_version();
create trigger service_languages_directory_version after insert or update or delete or truncate on service_languages
  for each statement execute function bump_directory_version();
create trigger fundings_directory_version after insert or update or delete or truncate on fundings
  for each statement execute function bump_directory_version();
create trigger taxonomies_directory_version after insert or update or delete or truncate on taxonomies
  for each statement execute function bump_directory_version();
create trigger taxonomy_terms_directory_version after insert or update or delete or truncate on taxonomy_terms
  for each statement execute function bump_directory_version();
create trigger attributes_directory_version after insert or update or delete or truncate on attributes
  for each statement execute function bump_directory_version();
