import { themeCodes, themesOfReason } from '../../directory/matching/themes.js'
import { u, id, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import type { Count } from './referral-records.js'
import { textArray } from './vocabulary.js'

/**
 * The 'What Matters' conversation of most episodes (issue 9), in the first two weeks, as what-matters/record.ts
 * writes it: themes from the referral's reasons (themes.ts themesOfReason) and now and then one more, the
 * wellbeing domains of the needs, the reasons confirmed, preferences. Staged in `synth.wm` for the plans.
 * Draws use fields 300–349 keyed by the episode number e.
 */

/** Which referral reasons lead to each wellbeing domain (what-matters/rules.ts wellbeingDomains). */
const DOMAIN_OF_REASONS: Readonly<Record<string, readonly string[]>> = {
  physical_health: ['physical_wellbeing'],
  mental_emotional: ['mental_wellbeing'],
  social_connection: ['social_wellbeing', 'loneliness_isolation'],
  practical_money: ['financial_wellbeing'],
  housing: ['housing'],
  work_learning_volunteering: [],
  caring: ['carer_support'],
}

export const OWN_WORDS = [
  'I want to get out of the house more and meet people.',
  'I would like to feel less anxious.',
  'Getting my money sorted out.',
  'Being able to walk to the shops again.',
  'Having something to look forward to each week.',
  'Rydw i eisiau siarad Cymraeg gyda phobl eraill.',
  'Time for myself away from caring.',
  'To feel useful again, maybe volunteering.',
  'Sleeping better and worrying less.',
]

/** SQL text: the codes whose reasons the referral has, in the list's order, plus any drawn with chance `extra`. */
export function codesFromReasons(
  map: Readonly<Record<string, readonly string[]>>,
  extra: (i: number) => string,
): string {
  const parts = Object.entries(map).map(([code, reasons], i) => {
    const cond = [reasons.length ? `reasons && ${textArray(reasons)}` : null, extra(i)].filter(Boolean).join(' or ')
    return `case when ${cond} then '${code}' end`
  })
  return `array_remove(array[${parts.join(', ')}]::text[], null)`
}

export async function insertWhatMatters(ctx: SynthContext, count: Count): Promise<void> {
  const { plan } = ctx
  const s = plan.seed
  const end = `timestamptz '${plan.until}T00:00:00Z' + interval '1 day'`
  const themesMap: Record<string, string[]> = Object.fromEntries(themeCodes.map((c) => [c, []]))
  for (const [reason, codes] of Object.entries(themesOfReason)) for (const c of codes) themesMap[c]!.push(reason)
  const themes = codesFromReasons(themesMap, (i) => `${u(s, 'e', 310 + i)} < 0.05`)
  const domains = codesFromReasons(DOMAIN_OF_REASONS, (i) => (i === 5 ? `${u(s, 'e', 330)} < 0.12` : ''))
  await exec(
    ctx,
    `create table synth.wm as
    select ep.e, ep.p, ep.r, ep.provider, ep.practitioner, ep.level, ep.started_at, ep.closed, ep.ended_at, ep.closing_reason, ep.reasons,
      wm_at, (wm_at at time zone 'UTC')::date as held_on, ${u(s, 'e', 301)} < 0.95 as completed, ${u(s, 'p', 13)} < person.welsh as cy
    from synth.ep ep join synth.person person using (p)
    cross join lateral (select ep.started_at + ${u(s, 'e', 302)} * 14 * interval '1 day' as wm_at) w
    where ${u(s, 'e', 303)} < (case ep.level when 'signposting' then 0.75 else 0.95 end)
      and wm_at < ${end} and (not ep.closed or wm_at < ep.ended_at)`,
  )
  await exec(ctx, `alter table synth.wm add primary key (e)`)
  const written = await exec(
    ctx,
    `insert into what_matters_conversations (id, person_id, episode_id, organisation_id, completed, held_on, recorded_by, created_at,
      updated_at, themes, own_words, strengths, needs_domains, needs_note, referral_reasons, confirmed_reasons, emerged_issues,
      setting_preference, group_preference, welsh_medium, times_of_day, travel, updated_by)
    select ${id(s, 'what_matters', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'episode', 'e')}, ${id(s, 'provider', 'provider')}, completed, held_on,
      ${id(s, 'practitioner', 'practitioner')}, wm_at, wm_at,
      case when completed then coalesce(nullif(${themes}, '{}'), array['confidence']) else '{}' end,
      case when ${u(s, 'e', 304)} < 0.6 then ${textArray(OWN_WORDS)}[1 + floor(${u(s, 'e', 305)} * ${OWN_WORDS.length})::int] end,
      case when ${u(s, 'e', 306)} < 0.4 then ${textArray(['Close to their daughter.', 'Good with their hands.', 'Keen walker before the illness.', 'Speaks Welsh and English.', 'Determined and funny.'])}[1 + floor(${u(s, 'e', 307)} * 5)::int] end,
      case when completed then ${domains} else '{}' end, null,
      reasons,
      case when not completed then '{}' when ${u(s, 'e', 308)} < 0.8 then reasons else reasons[1:greatest(cardinality(reasons) - 1, 0)] end,
      case when completed and ${u(s, 'e', 309)} < 0.15 then 'Money worries came up that the referral did not mention.' end,
      nullif(${weighted(u(s, 'e', 340), { indoor: 25, outdoor: 25, either: 40, none: 10 })}, 'none'),
      nullif(${weighted(u(s, 'e', 341), { group: 35, one_to_one: 30, either: 25, none: 10 })}, 'none'),
      case when cy then 'yes' when ${u(s, 'e', 342)} < 0.7 then 'no_preference' else 'no' end,
      case when ${u(s, 'e', 343)} < 0.5 then array['morning'] when ${u(s, 'e', 343)} < 0.8 then array['afternoon']
        when ${u(s, 'e', 343)} < 0.9 then array['morning', 'afternoon'] else array[]::text[] end,
      case when ${u(s, 'e', 344)} < 0.3 then 'Does not drive; buses are fine.' end,
      ${id(s, 'practitioner', 'practitioner')}
    from synth.wm`,
  )
  count('what_matters_conversations', written)
}
