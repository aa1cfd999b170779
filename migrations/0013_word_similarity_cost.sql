-- The directory search matches words with `search_text %> q` (docs/directory-search.md, ADR 0006). pg_trgm declares
-- the function behind `%>` with the default cost of 1, so at national size (25,000 services) the planner prefers a
-- sequential scan that computes word similarity for every service (~1.1 s) over the trigram GIN index (~0.3 s on the
-- same data). Word similarity over a few hundred characters is expensive: say so, so the index is chosen.
-- An extension upgrade resets this. Where the extension belongs to another role (created beforehand by a database
-- administrator), Cyswllt's role may not alter it: the search still works, only slower at scale; docs/operations.md says
-- how an administrator applies it.
do $$
begin
  alter function word_similarity_commutator_op(text, text) cost 1000;
exception when insufficient_privilege then
  raise notice 'word_similarity_commutator_op belongs to another role; ask an administrator to raise its cost (docs/operations.md)';
end
$$;
