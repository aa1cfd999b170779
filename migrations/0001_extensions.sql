-- Extensions Cyswllt relies on, present both in PostgreSQL's contrib and in PGlite:
-- pg_trgm (misspelling-tolerant search), unaccent (ŵ = w), cube + earthdistance (distance), pgcrypto (digests).
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists cube;
create extension if not exists earthdistance;
create extension if not exists pgcrypto;
