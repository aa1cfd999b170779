-- Reserved for issue 5 (0017_contacts); filled by the feature that owns it.
select 1;
