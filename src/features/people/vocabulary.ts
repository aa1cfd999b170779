/**
 * The controlled lists a person record uses, as codes stored in the database. Labels are messages
 * `people.options.<list>.<code>` in both languages. Census lists follow the ONS 2021 Census questions for Wales
 * (CDS #36); every protected characteristic allows "prefer not to say".
 */
export const vocabulary = {
  contactMethod: ['phone', 'email', 'text', 'letter'],
  communicationNeed: ['bsl', 'large_print', 'easy_read', 'interpreter', 'hearing_loop', 'other'],
  sex: ['female', 'male', 'prefer_not_to_say'],
  genderIdentity: ['same_as_registered_at_birth', 'different_from_registered_at_birth', 'prefer_not_to_say'],
  sexualOrientation: ['straight', 'gay_or_lesbian', 'bisexual', 'other', 'prefer_not_to_say'],
  ethnicity: [
    'white_welsh_english_scottish_northern_irish_british',
    'white_irish',
    'white_gypsy_or_irish_traveller',
    'white_roma',
    'white_other',
    'mixed_white_black_caribbean',
    'mixed_white_black_african',
    'mixed_white_asian',
    'mixed_other',
    'asian_indian',
    'asian_pakistani',
    'asian_bangladeshi',
    'asian_chinese',
    'asian_other',
    'black_caribbean',
    'black_african',
    'black_other',
    'other_arab',
    'other_any',
    'prefer_not_to_say',
  ],
  religion: ['no_religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other', 'prefer_not_to_say'],
  disability: ['limited_a_lot', 'limited_a_little', 'no', 'prefer_not_to_say'],
  pregnancyMaternity: ['pregnant', 'given_birth_last_26_weeks', 'no', 'prefer_not_to_say'],
  maritalStatus: ['never_married', 'married', 'civil_partnership', 'separated', 'divorced_or_dissolved', 'widowed_or_surviving_partner', 'prefer_not_to_say'],
  yesNoPreferNot: ['yes', 'no', 'prefer_not_to_say'],
  usedBefore: ['yes', 'no', 'not_sure'],
  housingTenure: [
    'owns_outright',
    'owns_with_mortgage',
    'shared_ownership',
    'rents_from_council',
    'rents_from_housing_association',
    'rents_privately',
    'lives_with_family_or_friends',
    'supported_housing',
    'temporary_accommodation',
    'homeless',
    'other',
    'prefer_not_to_say',
  ],
} as const satisfies Record<string, readonly string[]>

export type VocabularyList = keyof typeof vocabulary
export type VocabularyCode<L extends VocabularyList> = (typeof vocabulary)[L][number]

export function isCode<L extends VocabularyList>(list: L, value: unknown): value is VocabularyCode<L> {
  return typeof value === 'string' && (vocabulary[list] as readonly string[]).includes(value)
}
