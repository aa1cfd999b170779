/*
 * Short, plausible words for the free-text fields of the synthetic journey: records of progress, reasons a service
 * declined, what people say changed, comments on the survey. Welsh ones go to people who chose Welsh. Nothing here
 * names a person.
 */
export const progressNotes = {
  what_matters: [
    'What matters conversation held. Main concerns are loneliness since moving and low mood.',
    'Talked about what matters: wants to get out of the house more and meet people.',
    'Discussed money worries and housing. Agreed to look at benefits advice first.',
    'Wants to be more active and lose some weight; interested in walking groups.',
    'Carer for partner, very little time for self. Would like a break and someone to talk to.',
  ],
  review: [
    'Reviewed the plan together. Going to the group most weeks and feeling more confident.',
    'Review: some progress, still anxious about going alone. Agreed to go together next time.',
    'Goals partly met. Benefits claim submitted; waiting to hear.',
    'Plan reviewed and updated; new goal to try volunteering.',
  ],
  follow_up: [
    'Checked in by phone. Went to the first session and enjoyed it.',
    'Follow-up call: has not been yet, transport is the problem. Looking at community transport.',
    'Feeling a bit better this week. Sleeping more.',
    'Rang to see how the appointment went; it went well.',
  ],
  accompanied_visit: [
    'Went with them to the first session at the community hall and introduced them to the organiser.',
    'Accompanied to the advice centre appointment.',
  ],
  other: [
    'Sent details of the service as agreed.',
    'Letter from the housing office discussed.',
    'Short call to rearrange the appointment.',
  ],
  did_not_attend: [
    'Did not attend. Left a voicemail and sent a text.',
    'No answer at the door. Will try again next week.',
    'Cancelled on the day, unwell.',
  ],
  welsh: [
    'Sgwrs dda am beth sy’n bwysig. Eisiau cwrdd â phobl newydd.',
    'Wedi mynd i’r grŵp am y tro cyntaf ac wedi mwynhau.',
    'Galwad ffôn i weld sut mae pethau. Teimlo’n well.',
    'Adolygu’r cynllun gyda’n gilydd.',
  ],
}

export const declineReasons = [
  'No places this term; suggest reapplying in September.',
  'The service cannot meet the mobility needs described.',
  'Outside the area the service covers.',
  'The person is better supported by a specialist service.',
]

export const ownWords = {
  en: [
    'I look forward to the group every week. People notice if I am not there.',
    'I feel more like myself again.',
    'I know who to ask about the money now, and I open the letters.',
    'I am walking most days and sleeping better.',
    'I have made a friend at the shed.',
    'It was good to have someone on my side.',
  ],
  cy: [
    'Mae gen i rywle i fynd bob wythnos.',
    'Dw i’n teimlo’n fwy hyderus nawr.',
    'Rwy’n cysgu’n well ac yn cerdded bob dydd.',
  ],
}

export const surveyComments = [
  'Listened to me and did not rush me.',
  'I wish I had known about this sooner.',
  'The group was the right thing for me.',
  'Hard to get there without a car.',
  'Diolch am bopeth.',
]
