/**
 * The numbered areas of the Competence Framework for Social Prescribing Practitioners in Wales (2023), domains 1–7,
 * with the a/b/c sub-areas as areas of their own (CF contents page). The full framework — titles in Welsh, the
 * competence statements — is reference data in this folder (issue 8 §1); these ids are what ratings, the team view
 * and development plans store (migration 0031 checks their shape).
 */
export const areaIds = [
  '1.1',
  '1.2a',
  '1.2b',
  '1.2c',
  '1.3',
  '1.4',
  '1.5',
  '1.6',
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '2.6',
  '2.7a',
  '2.7b',
  '3.1',
  '3.2',
  '3.3',
  '4.1',
  '4.2',
  '5.1',
  '5.2a',
  '5.2b',
  '5.2c',
  '5.3',
  '5.4',
  '5.5',
  '6.1',
  '6.2',
  '7.1',
] as const
export type AreaId = (typeof areaIds)[number]

export function isAreaId(value: unknown): value is AreaId {
  return typeof value === 'string' && (areaIds as readonly string[]).includes(value)
}

/** CF 3.1–3.3 are expected of the team "as a group": "as a group, all of the areas of competence are covered". */
export const groupAreaIds: readonly AreaId[] = ['3.1', '3.2', '3.3']

/** The self-assessment scale (issue 8 §2), lowest first. */
export const ratings = ['not_yet', 'developing', 'competent', 'can_support_others'] as const
export type Rating = (typeof ratings)[number]
