import type { Attainment } from '../plans/schema.js'
import type { LevelOfSupport, ClosingReason } from '../episodes/schema.js'
import { closedAndTeamPeople } from './demo-journey-people-closed.js'

/*
 * The people of the support-journey demo (issue 5): a Cardiff practitioner's working day, every stage of the
 * journey at once. Days are counted back from now (and forward, for due dates), so an overdue follow-up stays
 * overdue and the week's review stays due this week whenever the demo is started.
 */

/** [days ago, mode, minutes, type, language, record of progress, did not attend?, barriers?, with whom?] */
export type DemoContact = [
  number,
  'face_to_face' | 'phone' | 'video' | 'home_visit' | 'message',
  number,
  'what_matters' | 'review' | 'follow_up' | 'accompanied_visit' | 'other',
  'cy' | 'en',
  string,
  boolean?,
  string[]?,
  /** With whom, when not only the person (CDS #115). */
  ('person' | 'carer' | 'asset' | 'referrer')[]?,
]

export interface JourneyPerson {
  givenName: string
  familyName: string
  dateOfBirth: string
  language: 'cy' | 'en'
  reasons: string[]
  /** Days since the referral was received. */
  daysAgo: number
  /** Whose caseload: Rhian (practitioner@), Siân (teamlead@) or nobody yet. */
  owner: 'practitioner' | 'teamlead' | null
  level: LevelOfSupport | null
  /** Sent by the demo referrer (Heol y Bont Surgery), so feedback can go back to them. */
  fromReferrer?: boolean
  whatMatters?: {
    daysAgo: number
    themes: string[]
    ownWords: string
    strengths: string
    needs: string[]
    setting: string
    group: string
    welsh: string
    times: string[]
  }
  plan?: {
    daysAgo: number
    reviewIn: number
    whatMatters: string
    goals: [string, number, number][]
    selfActions: string
    supportConnected?: string
  }
  connection?: {
    daysAgo: number
    kind: 'referral' | 'signpost'
    steps: ['accepted' | 'first_attended' | 'attending', number][]
    followUpDone?: boolean
  }
  review?: { daysAgo: number; scores: [number, number][]; nextIn: number; note: string }
  contacts: DemoContact[]
  /** Healthcare use at the start: GP appointments, other GP contacts, A&E, emergency calls, other services. */
  healthcare?: [number, number, number, number, number]
  task?: { dueIn: number; description: string }
  concern?: boolean
  close?: {
    daysAgo: number
    reason: ClosingReason
    summary: string
    attainment?: Attainment[]
    feedback: boolean
    healthcareEnd?: [number, number, number, number, number]
  }
}

const welshWay = { setting: 'either', group: 'group', welsh: 'yes', times: ['morning'] }

export const journeyPeople: JourneyPerson[] = [
  // Just accepted: the first call booked, nothing else yet.
  {
    givenName: 'Aled',
    familyName: 'Rees',
    dateOfBirth: '1962-02-14',
    language: 'en',
    reasons: ['loneliness_isolation'],
    daysAgo: 4,
    owner: 'practitioner',
    level: null,
    contacts: [[1, 'phone', 15, 'other', 'en', 'Introductory call; Aled would like to meet at the library next week.']],
  },
  // What Matters done, in Welsh.
  {
    givenName: 'Catrin',
    familyName: 'Morgan',
    dateOfBirth: '1951-07-03',
    language: 'cy',
    reasons: ['loneliness_isolation', 'physical_wellbeing'],
    daysAgo: 14,
    owner: 'practitioner',
    level: 'holistic',
    whatMatters: {
      daysAgo: 5,
      themes: ['reduce_isolation', 'be_more_active'],
      ownWords: 'Hoffwn i fynd allan o’r tŷ yn amlach a chwrdd â phobl sy’n siarad Cymraeg.',
      strengths: 'Yn arfer canu mewn côr; cymdogion caredig.',
      needs: ['social_connection', 'physical_health'],
      ...welshWay,
    },
    contacts: [
      [
        5,
        'home_visit',
        75,
        'what_matters',
        'cy',
        'Sgwrs Beth sy’n Bwysig gartref. Catrin yn awyddus i ailymuno â chôr; poen yn ei phen-glin yn ei rhwystro rhag cerdded yn bell.',
      ],
    ],
    healthcare: [3, 1, 0, 0, 1],
  },
  // Plan with three goals; its review falls this week.
  {
    givenName: 'James',
    familyName: 'Walker',
    dateOfBirth: '1978-10-22',
    language: 'en',
    reasons: ['mental_wellbeing', 'financial_wellbeing'],
    daysAgo: 30,
    owner: 'practitioner',
    level: 'short_term',
    whatMatters: {
      daysAgo: 24,
      themes: ['mental_wellbeing', 'money_and_debt', 'work_and_volunteering'],
      ownWords: 'Getting on top of the bills so I can sleep again.',
      strengths: 'Good with his hands; supportive sister.',
      needs: ['mental_emotional', 'practical_money'],
      setting: 'indoor',
      group: 'one_to_one',
      welsh: 'no_preference',
      times: ['afternoon'],
    },
    plan: {
      daysAgo: 20,
      reviewIn: 3,
      whatMatters: 'Sleeping better and sorting out the debts.',
      goals: [
        ['Book a debt advice appointment', 4, 7],
        ['Walk for 20 minutes three times a week', 5, 6],
        ['Look into volunteering at the food bank', 3, 5],
      ],
      selfActions: 'James will open his post each morning and keep a sleep diary.',
    },
    contacts: [
      [
        24,
        'face_to_face',
        60,
        'what_matters',
        'en',
        'What Matters conversation. Worried about council tax arrears; low mood but no thoughts of harm.',
      ],
      [20, 'video', 40, 'other', 'en', 'Plan agreed over video; James chose the goals.'],
      [9, 'phone', 10, 'follow_up', 'en', 'Debt advice appointment booked for next Tuesday.'],
    ],
    healthcare: [4, 2, 1, 0, 0],
  },
  // Plan whose review is overdue.
  {
    givenName: 'Eleri',
    familyName: 'Pritchard',
    dateOfBirth: '1944-05-09',
    language: 'cy',
    reasons: ['loneliness_isolation'],
    daysAgo: 45,
    owner: 'practitioner',
    level: 'holistic',
    whatMatters: {
      daysAgo: 40,
      themes: ['reduce_isolation', 'digital_skills'],
      ownWords: 'Siarad â’r wyrion ar y cyfrifiadur.',
      strengths: 'Darllenwraig frwd; yn gyfforddus ar y ffôn.',
      needs: ['social_connection'],
      ...welshWay,
    },
    plan: {
      daysAgo: 35,
      reviewIn: -6,
      whatMatters: 'Cadw mewn cysylltiad â’r teulu a gwneud ffrindiau newydd.',
      goals: [
        ['Dysgu defnyddio galwadau fideo', 3, 8],
        ['Mynd i’r clwb cinio unwaith yr wythnos', 4, 6],
      ],
      selfActions: 'Bydd Eleri yn gofyn i’w merch osod y dabled.',
    },
    contacts: [
      [40, 'home_visit', 90, 'what_matters', 'cy', 'Sgwrs Beth sy’n Bwysig. Eleri yn unig ers colli ei gŵr.'],
      [35, 'home_visit', 45, 'other', 'cy', 'Cynllun wedi’i gytuno a’i lofnodi.'],
      [
        20,
        'phone',
        15,
        'follow_up',
        'cy',
        'Siarad â’i merch, sy’n gofalu amdani: bydd hi’n gosod y dabled.',
        false,
        [],
        ['carer'],
      ],
    ],
  },
  // Connected: referred to a community service, accepted by them; the two-week check is due soon.
  {
    givenName: 'Mohammed',
    familyName: 'Khan',
    dateOfBirth: '1969-12-30',
    language: 'en',
    reasons: ['physical_wellbeing', 'social_wellbeing'],
    daysAgo: 28,
    owner: 'practitioner',
    level: 'short_term',
    whatMatters: {
      daysAgo: 22,
      themes: ['be_more_active', 'confidence'],
      ownWords: 'I want to feel useful again since I stopped work.',
      strengths: 'Practical, patient, drives.',
      needs: ['physical_health', 'work_learning_volunteering'],
      setting: 'indoor',
      group: 'group',
      welsh: 'no',
      times: ['morning', 'afternoon'],
    },
    plan: {
      daysAgo: 18,
      reviewIn: 25,
      whatMatters: 'Feeling useful and getting fitter.',
      goals: [
        ['Try the community shed', 5, 8],
        ['Cut down to five cigarettes a day', 3, 6],
      ],
      selfActions: 'Mohammed will phone the shed to ask about parking.',
      supportConnected: 'Community shed',
    },
    connection: { daysAgo: 4, kind: 'referral', steps: [['accepted', 2]] },
    contacts: [
      [22, 'face_to_face', 55, 'what_matters', 'en', 'What Matters at the surgery.'],
      [4, 'phone', 20, 'follow_up', 'en', 'Agreed the referral to the shed and what to share with them.'],
    ],
    healthcare: [6, 3, 2, 1, 1],
  },
  // Attending the service and reviewed with new scores.
  {
    givenName: 'Sarah',
    familyName: 'Thomas',
    dateOfBirth: '1985-03-17',
    language: 'en',
    reasons: ['mental_wellbeing'],
    daysAgo: 70,
    owner: 'practitioner',
    level: 'holistic',
    fromReferrer: true,
    whatMatters: {
      daysAgo: 64,
      themes: ['mental_wellbeing', 'creative', 'green_spaces'],
      ownWords: 'Feeling like me again.',
      strengths: 'Artistic; loves the outdoors.',
      needs: ['mental_emotional', 'social_connection'],
      setting: 'outdoor',
      group: 'group',
      welsh: 'no_preference',
      times: ['weekend'],
    },
    plan: {
      daysAgo: 60,
      reviewIn: 28,
      whatMatters: 'Feeling like herself again, outdoors and making things.',
      goals: [
        ['Go to a making group every week', 3, 7],
        ['Walk in Bute Park on Sundays', 4, 8],
      ],
      selfActions: 'Sarah will keep a small sketchbook.',
      supportConnected: 'Community shed',
    },
    connection: {
      daysAgo: 50,
      kind: 'referral',
      steps: [
        ['accepted', 2],
        ['first_attended', 7],
        ['attending', 21],
      ],
      followUpDone: true,
    },
    review: {
      daysAgo: 10,
      scores: [
        [7, 8],
        [6, 8],
      ],
      nextIn: 20,
      note: 'Going every week; sleeping better. Wants to try a walking group next.',
    },
    contacts: [
      [64, 'face_to_face', 60, 'what_matters', 'en', 'What Matters conversation.'],
      [
        43,
        'face_to_face',
        120,
        'accompanied_visit',
        'en',
        'Went with Sarah to her first session.',
        false,
        [],
        ['person', 'asset'],
      ],
      [36, 'phone', 15, 'follow_up', 'en', 'Two weeks on: enjoying the shed, made a bird box.'],
      [10, 'face_to_face', 45, 'review', 'en', 'Review: confidence up on both goals.'],
    ],
    healthcare: [5, 2, 1, 0, 2],
  },
  // Did not attend the last appointment; a task to try again tomorrow.
  {
    givenName: 'Gethin',
    familyName: 'Lloyd',
    dateOfBirth: '1990-08-08',
    language: 'en',
    reasons: ['mental_wellbeing', 'housing'],
    daysAgo: 21,
    owner: 'practitioner',
    level: 'short_term',
    whatMatters: {
      daysAgo: 15,
      themes: ['housing', 'mental_wellbeing'],
      ownWords: 'A flat that isn’t damp.',
      strengths: 'Close to his nan; keen footballer.',
      needs: ['housing', 'mental_emotional'],
      setting: 'either',
      group: 'one_to_one',
      welsh: 'no_preference',
      times: ['evening'],
    },
    contacts: [
      [15, 'face_to_face', 50, 'what_matters', 'en', 'What Matters at the hub.'],
      [
        3,
        'face_to_face',
        0,
        'review',
        'en',
        'Did not come to the hub; no answer by phone.',
        true,
        ['anxiety_or_confidence', 'transport'],
      ],
    ],
    task: { dueIn: 1, description: 'Phone Gethin again about the missed appointment' },
  },
  // A safeguarding concern raised and escalated (seen only by caseworkers and the safeguarding lead).
  {
    givenName: 'Olivia',
    familyName: 'Bennett',
    dateOfBirth: '1939-11-11',
    language: 'en',
    reasons: ['loneliness_isolation', 'financial_wellbeing'],
    daysAgo: 35,
    owner: 'practitioner',
    level: 'holistic',
    whatMatters: {
      daysAgo: 30,
      themes: ['reduce_isolation', 'money_and_debt'],
      ownWords: 'Company in the afternoons.',
      strengths: 'Sharp memory; former teacher.',
      needs: ['social_connection', 'practical_money'],
      setting: 'indoor',
      group: 'group',
      welsh: 'no',
      times: ['afternoon'],
    },
    plan: {
      daysAgo: 26,
      reviewIn: 12,
      whatMatters: 'Company in the afternoons and feeling safe with money.',
      goals: [
        ['Join the library reading group', 4, 7],
        ['Set up a bank account only Olivia controls', 2, 6],
      ],
      selfActions: 'Olivia will keep her bank card with her.',
    },
    concern: true,
    contacts: [
      [30, 'home_visit', 80, 'what_matters', 'en', 'What Matters at home.'],
      [
        8,
        'home_visit',
        60,
        'follow_up',
        'en',
        'Olivia said a relative keeps her bank card; concern raised the same day.',
      ],
    ],
  },
  // Signposting only, in Welsh.
  {
    givenName: 'Nia',
    familyName: 'Hughes',
    dateOfBirth: '1998-01-25',
    language: 'cy',
    reasons: ['social_wellbeing'],
    daysAgo: 12,
    owner: 'practitioner',
    level: 'signposting',
    whatMatters: {
      daysAgo: 8,
      themes: ['confidence', 'learning'],
      ownWords: 'Gwella fy hyder i siarad mewn grŵp.',
      strengths: 'Siaradwraig Gymraeg rugl; creadigol.',
      needs: ['social_connection'],
      ...welshWay,
    },
    connection: { daysAgo: 8, kind: 'signpost', steps: [] },
    contacts: [
      [8, 'video', 30, 'what_matters', 'cy', 'Sgwrs fer dros fideo; rhoddwyd gwybodaeth am y sied yn Gymraeg.'],
    ],
  },
  ...closedAndTeamPeople,
]
