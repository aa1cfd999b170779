import { referralStatuses } from '../../platform/db/schema.js'
import { problemSchema } from '../../platform/http/api.js'
import { vocabulary } from '../people/vocabulary.js'
import { declineReasons, referralReasons, referralRoutes, urgencies } from '../referrals/vocabulary.js'

/*
 * JSON schemas of the referrals API. They document it (OpenAPI) and shape the responses. Request bodies are
 * checked by the one validation every door shares (`validateReferral`), so the API and the form give the same
 * answers, worded in the caller's language (`documentOnly`).
 */

export { documentOnly } from '../../platform/http/api.js'

const uuid = { type: 'string', format: 'uuid' } as const
const dateTime = { type: 'string', format: 'date-time' } as const
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const
const optionalText = (description: string, maxLength = 2000) =>
  ({ type: ['string', 'null'], maxLength, description }) as const
const text = (description: string, maxLength = 200) => ({ type: 'string', maxLength, description }) as const
const codes = (values: readonly string[], description: string) =>
  ({ type: 'array', items: { type: 'string', enum: [...values] }, uniqueItems: true, description }) as const

export const referralBodySchema = {
  type: 'object',
  description:
    'A professional referral. Field names are those of the referral form. Give a postcode, or a local authority when the postcode is not known or not found. Leave out `receivingOrganisationId` to send the referral to the provider covering the person’s area.',
  properties: {
    referrerName: text('Your name; defaults to the name on your account'),
    referrerRole: text('Your role or profession (CDS #48)'),
    referrerOrganisationName: text('Your organisation; defaults to your account’s organisation'),
    referrerContact: text('A phone number or e-mail address to reach you on'),
    route: {
      type: 'string',
      enum: referralRoutes.filter((r) => r !== 'self'),
      description: 'Where the referral comes from (CDS #41, #52)',
    },
    givenName: text('First name, kept exactly as given', 100),
    familyName: text('Last name, kept exactly as given', 100),
    dateOfBirth: {
      type: 'string',
      format: 'date',
      description: 'YYYY-MM-DD; not in the future, not over 120 years ago',
    },
    nhsNumber: {
      type: ['string', 'null'],
      description: '10 digits with a valid modulus-11 check digit; spaces allowed',
    },
    postcode: { type: ['string', 'null'], description: 'A full UK postcode' },
    localAuthorityCode: {
      type: ['string', 'null'],
      pattern: '^W06[0-9]{6}$',
      description: 'GSS code of the local authority, needed when the postcode is not found',
    },
    phone: { type: ['string', 'null'] },
    email: { type: ['string', 'null'], format: 'email' },
    address: optionalText('Postal address', 400),
    contactMethods: codes(vocabulary.contactMethod, 'How the person would like to be contacted'),
    contactTimes: optionalText('Best days or times to contact', 200),
    safeToLeaveMessage: { type: ['boolean', 'null'] },
    language: { type: 'string', enum: ['cy', 'en'], default: 'en', description: 'Language of choice (CDS #13)' },
    welshOfferMade: {
      type: 'boolean',
      default: false,
      description: 'Whether the Welsh active offer was made (CDS #13)',
    },
    communicationNeeds: codes(vocabulary.communicationNeed, 'Communication needs'),
    interpreterLanguage: optionalText('Required when communicationNeeds includes interpreter', 200),
    guardianName: optionalText('Under 18s: parent, guardian or carer (required)', 100),
    guardianRelationship: optionalText('Under 18s: their relationship to the young person', 200),
    guardianContact: optionalText('Under 18s: how to contact them (required)', 200),
    guardianHasParentalResponsibility: { type: ['boolean', 'null'] },
    consentGivenBy: { type: 'string', enum: ['person', 'parent_guardian'], default: 'person' },
    youngPersonCompetent: { type: ['boolean', 'null'], description: 'Under 18s consenting alone: must be true' },
    reasons: codes(referralReasons, 'Reasons for referral (CDS #51); at least one'),
    reasonDetails: optionalText('More about the reasons; required when reasons include other'),
    clinicalDiagnosis: optionalText('Relevant clinical diagnosis (CDS #39)'),
    risks: optionalText('Risks to the person or to a lone worker (CS §53)'),
    loneWorkerRisk: { type: 'boolean', default: false },
    urgency: { type: 'string', enum: [...urgencies], default: 'routine' },
    crisis: {
      type: 'boolean',
      default: false,
      description: 'The person is in crisis: the referral goes to the top of the queue',
    },
    personAgreed: { type: 'boolean', const: true, description: 'The person agreed to the referral (required)' },
    shareOutcomeWithReferrer: {
      type: 'boolean',
      default: false,
      description: 'The person agrees to you hearing the outcome',
    },
    receivingOrganisationId: { ...uuid, description: 'A provider organisation chosen explicitly' },
  },
  required: [
    'referrerRole',
    'referrerContact',
    'route',
    'givenName',
    'familyName',
    'dateOfBirth',
    'reasons',
    'personAgreed',
  ],
} as const

export const createdSchema = {
  type: 'object',
  properties: {
    id: uuid,
    reference: { type: 'string', description: 'e.g. CYS-4K7P-2QXM' },
    status: { type: 'string', enum: ['received'] },
    organisationId: { ...uuid, description: 'The receiving provider' },
    receivedAt: dateTime,
  },
  required: ['id', 'reference', 'status', 'organisationId', 'receivedAt'],
} as const

const outcomeSchema = {
  type: ['object', 'null'],
  description:
    'Null while waiting, and for the sender unless the person agreed to share the outcome and has not withdrawn it',
  properties: {
    status: { type: 'string', enum: referralStatuses.filter((s) => s !== 'received') },
    decidedAt: nullableDateTime,
    firstContactAt: nullableDateTime,
    declineReason: { type: ['string', 'null'], enum: [...declineReasons, null] },
    declineExplanation: { type: ['string', 'null'] },
    redirectedTo: { type: ['string', 'null'] },
  },
} as const

const nullableString = { type: ['string', 'null'] } as const
const nullableBoolean = { type: ['boolean', 'null'] } as const

export const summarySchema = {
  type: 'object',
  properties: {
    id: uuid,
    reference: { type: 'string' },
    view: {
      type: 'string',
      enum: ['provider', 'sender'],
      description: 'provider: the receiving provider’s full view; sender: the referring organisation’s',
    },
    status: {
      type: 'string',
      enum: [...referralStatuses, 'outcome_not_shared'],
      description: 'For the sender, a decision shows as outcome_not_shared unless the outcome is shared',
    },
    organisationId: { ...uuid, description: 'The receiving provider' },
    organisationName: { type: 'string' },
    organisationNameCy: nullableString,
    receivedAt: dateTime,
    route: { type: 'string', enum: [...referralRoutes] },
    urgency: { type: 'string', enum: [...urgencies] },
    crisis: { type: 'boolean' },
    outcomeSharedWithReferrer: { type: 'boolean' },
    outcome: outcomeSchema,
    person: {
      type: 'object',
      properties: {
        givenName: { type: 'string' },
        familyName: { type: 'string' },
        dateOfBirth: { type: 'string', format: 'date' },
      },
      required: ['givenName', 'familyName', 'dateOfBirth'],
    },
  },
  required: [
    'id',
    'reference',
    'view',
    'status',
    'organisationId',
    'organisationName',
    'receivedAt',
    'route',
    'urgency',
    'crisis',
    'outcomeSharedWithReferrer',
    'outcome',
    'person',
  ],
} as const

const providerOnly = 'Receiving provider only'
const personProperties = {
  ...summarySchema.properties.person.properties,
  id: uuid,
  ...Object.fromEntries(
    [
      'nhsNumber',
      'postcode',
      'localAuthorityCode',
      'phone',
      'email',
      'address',
      'contactTimes',
      'interpreterLanguage',
      'guardianName',
      'guardianRelationship',
      'guardianContact',
    ].map((k) => [k, nullableString]),
  ),
  contactMethods: { type: 'array', items: { type: 'string' } },
  communicationNeeds: { type: 'array', items: { type: 'string' } },
  safeToLeaveMessage: nullableBoolean,
  language: { type: 'string', enum: ['cy', 'en'] },
  welshOfferMade: { type: 'boolean' },
  guardianHasParentalResponsibility: nullableBoolean,
}

export const referralSchema = {
  ...summarySchema,
  description:
    'A referral. Fields beyond the summary are present only for the receiving provider’s practitioners and team leads.',
  properties: {
    ...summarySchema.properties,
    channel: {
      type: 'string',
      enum: ['self_referral_form', 'professional_form', 'api', 'practitioner'],
      description: providerOnly,
    },
    reasons: { type: 'array', items: { type: 'string', enum: [...referralReasons] }, description: providerOnly },
    reasonDetails: nullableString,
    clinicalDiagnosis: nullableString,
    risks: nullableString,
    loneWorkerRisk: { type: 'boolean' },
    personAgreed: { type: 'boolean' },
    shareOutcomeWithReferrer: { type: 'boolean' },
    consentGivenBy: { type: 'string', enum: ['person', 'parent_guardian'] },
    youngPersonCompetent: nullableBoolean,
    allocatedPractitionerId: { type: ['string', 'null'], format: 'uuid' },
    referrer: {
      type: 'object',
      description: providerOnly,
      properties: {
        userId: { type: ['string', 'null'], format: 'uuid' },
        organisationId: { type: ['string', 'null'], format: 'uuid' },
        name: nullableString,
        role: nullableString,
        organisationName: nullableString,
        contact: nullableString,
      },
    },
    person: { type: 'object', properties: personProperties, required: ['givenName', 'familyName', 'dateOfBirth'] },
  },
} as const

export const listSchema = {
  type: 'object',
  properties: {
    view: {
      type: 'string',
      enum: ['provider', 'sender'],
      description: 'provider: referrals your provider received; sender: referrals your organisation sent',
    },
    referrals: { type: 'array', items: summarySchema },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
  },
  required: ['view', 'referrals', 'page', 'pageSize', 'total'],
} as const

export const idParamsSchema = { type: 'object', properties: { id: uuid }, required: ['id'] } as const

export const listQuerySchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: [...referralStatuses] },
    page: { type: 'integer', minimum: 1, default: 1 },
  },
} as const

/** Problem documents; on 422 `errors` names each field that is wrong, in the caller's language. */
export const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
export const invalid = { 422: problemSchema } as const
