-- Reserved for issue 5 (0018_safeguarding_and_sharing); filled by the feature that owns it.
select 1;
