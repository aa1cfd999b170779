-- Reserved for issue 5 (0016_what_matters_and_plans); filled by the feature that owns it.
select 1;
