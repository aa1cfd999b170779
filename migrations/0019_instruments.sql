-- Placeholder: the instrument settings of issue 6 §1 (organisation registrations, licences, approved translations).
select 1;
