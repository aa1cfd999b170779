import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_DOMAIN } from '../demo/demo-data.js'
import { addDays } from '../follow-ups/schedule.js'
import { todayInWales } from '../what-matters/dates.js'
import { insertFeedback } from './feedback-repository.js'
import { validateFeedback } from './feedback-rules.js'
import { approveCaseStudy, completeCheck, insertCaseStudy, recordConsent } from './repository.js'
import { validateCaseStudy, validateChecklist, validateConsent } from './rules.js'
import { checklistItems } from './schema.js'

const LOADED = 'demo_data.load_case_studies'

/*
 * Invented, anonymised stories: no names, places that identify, exact dates or rare details. One from each
 * perspective of CS §118, written by Rhian (practitioner@), checked by her and signed off by Siân (teamlead@).
 */
const stories = [
  {
    title: 'Back at the allotment',
    perspective: 'person',
    whatMattered:
      'After losing her husband she had stopped going out. What mattered to her was being outdoors again, and having someone to talk to who was not family.',
    support:
      'Three conversations at home about what she used to enjoy, then an introduction to a weekly walking group. Her practitioner went along to the first walk.',
    whatChanged:
      '“I go every week now, and we have a cup of tea after. I have people to ring when I am low.” She has since joined the group’s gardening afternoons.',
    themes: ['reduce_isolation', 'be_more_active', 'green_spaces'],
    tags: 'walking, bereavement',
    scope: 'published',
    services: ['Cardiff Health Walks'],
  },
  {
    title: 'Listening before suggesting',
    perspective: 'practitioner',
    whatMattered:
      'A man in his fifties was referred by his GP for low mood. The referral said depression; in our first conversation he talked about money and not being useful any more.',
    support:
      'We worked on the debt first, with a referral to a money advice service, and then found a volunteering role using the skills from his trade.',
    whatChanged:
      'His confidence score rose from 3 to 8 over four months. He now volunteers two mornings a week and says the debt letters no longer keep him awake.',
    themes: ['money_and_debt', 'work_and_volunteering', 'confidence'],
    tags: 'volunteering, men’s health',
    scope: 'commissioners',
    services: [],
  },
  {
    title: 'A new face at the shed',
    perspective: 'community_asset',
    whatMattered:
      'The shed’s volunteers wanted newcomers to feel welcome from the first visit, and to know a little about what would help them settle in.',
    support:
      'The practitioner sent a short referral with what the newcomer had agreed to share, and came with him on his first afternoon.',
    whatChanged:
      'He now opens up on Thursdays. The volunteers say supported introductions like this one mean people stay, rather than coming once.',
    themes: ['reduce_isolation', 'confidence'],
    tags: 'woodwork, supported introduction',
    scope: 'published',
    services: [],
  },
] as const

/** 'You said, we did' entries (App. Two): some done, some in hand, one not possible, days counted back from now. */
const feedback = [
  {
    ago: 70,
    source: 'people',
    said: 'The Tuesday group finishes after the last bus home.',
    status: 'done',
    action: 'The group now starts at 1pm and finishes by 3pm.',
    owner: 'Team lead',
    doneAgo: 40,
  },
  {
    ago: 60,
    source: 'referrers',
    said: 'We do not hear what happened once people finish with you.',
    status: 'done',
    action: 'Every closing now offers a short letter to the referrer, with the person’s agreement.',
    owner: 'Practitioners',
    doneAgo: 30,
  },
  {
    ago: 35,
    source: 'experience_survey',
    said: 'It was hard to find the room for the first appointment.',
    status: 'doing',
    action: 'Signs at reception and a map with the appointment letter.',
    owner: 'Office manager',
  },
  { ago: 20, source: 'community_assets', said: 'Tell us when someone cannot come any more.', status: 'considering' },
  {
    ago: 15,
    source: 'staff',
    said: 'Could we see people on Saturdays?',
    status: 'not_possible',
    notPossibleReason: 'Our venue is closed at weekends; we are asking the library about a Saturday room.',
  },
] as const

/**
 * Demo case studies and 'you said, we did' entries for the Cardiff provider (practitioner@, teamlead@): three approved
 * stories, one from each perspective, with consent to share, and a few log entries at every status. Each passes the
 * same validation as the pages and is written by this feature's repository functions. Loaded once; returns how many
 * case studies it added.
 */
export async function loadCaseStudyDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  if (await db.selectFrom('audit_events').select('id').where('action', '=', LOADED).limit(1).executeTakeFirst())
    return 0
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id'])
    .where('email', 'in', [`practitioner@${DEMO_DOMAIN}`, `teamlead@${DEMO_DOMAIN}`])
    .execute()
  const author = users.find((u) => u.email.startsWith('practitioner@'))
  const lead = users.find((u) => u.email.startsWith('teamlead@'))
  if (!author || !lead) return 0
  const today = todayInWales(now)
  const valid = <T>(r: { value: T; errors: unknown[] }): T => {
    if (r.errors.length > 0) throw new Error(`demo case study data is not valid: ${JSON.stringify(r.errors)}`)
    return r.value
  }
  let created = 0
  await db.transaction().execute(async (trx) => {
    for (const [i, s] of stories.entries()) {
      const services = s.services.length
        ? await trx
            .selectFrom('services as v')
            .select('v.id')
            .where('v.name', 'in', [...s.services])
            .execute()
        : []
      const form = valid(
        validateCaseStudy({
          ...s,
          themes: [...s.themes],
          serviceIds: services.map((v) => v.id),
          periodFrom: addDays(now, -200 + i * 20),
          periodTo: addDays(now, -60 + i * 10),
        }),
      )
      const at = new Date(now.getTime() - (50 - i * 10) * 86_400_000)
      const id = await insertCaseStudy(trx, {
        organisationId: author.organisation_id,
        authorId: author.id,
        form,
        now: at,
      })
      const consent = validateConsent(
        { consentGivenOn: addDays(now, -45 + i * 10), consentMethod: 'written', consentScope: s.scope },
        today,
      )
      if (!consent.value) throw new Error('demo consent is not valid')
      await recordConsent(trx, id, consent.value, author.id, at)
      await completeCheck(trx, id, valid(validateChecklist({ checklist: [...checklistItems] })), author.id, at)
      await approveCaseStudy(trx, id, lead.id, new Date(at.getTime() + 86_400_000))
      created++
    }
    for (const f of feedback) {
      const entry = valid(
        validateFeedback(
          {
            ...f,
            receivedOn: addDays(now, -f.ago),
            ...('doneAgo' in f ? { doneOn: addDays(now, -f.doneAgo) } : {}),
          },
          today,
        ),
      )
      await insertFeedback(trx, author.organisation_id, entry, author.id, now)
    }
    await trx
      .insertInto('audit_events')
      .values({ action: LOADED, detail: JSON.stringify({ caseStudies: created, feedback: feedback.length }) })
      .execute()
  })
  return created
}
