-- Placeholder: experience surveys and person-reported outcomes of issue 6 §5.
select 1;
