-- Reserved for issue 5 (0015_episode_closing); filled by the feature that owns it.
select 1;
