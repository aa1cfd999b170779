-- Postcode reference data (issue 3 §6). `postcodes` is filled by `cyswllt import-postcodes` from an ONS Postcode
-- Directory-style file; `postcode_districts` holds the centre of each Welsh postcode district, shipped with the
-- code, as a distance fallback; `wimd_ranks` is filled by `cyswllt import-wimd`.
create table postcodes (
  postcode text primary key check (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$'),
  latitude double precision not null check (latitude between 49 and 61),
  longitude double precision not null check (longitude between -9 and 2),
  local_authority_code text references local_authorities (code),
  lsoa_code text
);
create index postcodes_lsoa_idx on postcodes (lsoa_code);

create table postcode_districts (
  outcode text primary key,
  latitude double precision not null,
  longitude double precision not null
);

-- Welsh Index of Multiple Deprivation by LSOA: rank 1 is the most deprived of 1,909 areas (WIMD 2019).
create table wimd_ranks (
  lsoa_code text primary key,
  rank integer not null check (rank > 0),
  decile smallint not null check (decile between 1 and 10),
  quintile smallint not null check (quintile between 1 and 5),
  edition text not null default '2019'
);
