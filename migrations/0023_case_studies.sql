-- Placeholder: case studies and the 'you said, we did' log of issue 6 §6.
select 1;
