import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { counts, organisationId, validForm } from './testing.js'

const today = new Date()
const nextYear = String(today.getUTCFullYear() + 1)
const childYear = String(today.getUTCFullYear() - 12)

/** Each kind of bad input: what is sent, the field named and the message shown in English. */
const cases: {
  name: string
  form: Record<string, string | string[]>
  field: string
  message: RegExp
  kept?: RegExp
}[] = [
  {
    name: 'a malformed NHS number',
    form: { nhsNumber: '12345' },
    field: 'nhsNumber',
    message: /NHS number must be 10 digits/,
    kept: /value="12345"/,
  },
  {
    name: 'an NHS number with a wrong check digit',
    form: { nhsNumber: '943 476 5918' },
    field: 'nhsNumber',
    message: /not a valid NHS number/,
    kept: /value="943 476 5918"/,
  },
  {
    name: 'a date of birth in the future',
    form: { 'dateOfBirth-year': nextYear },
    field: 'dateOfBirth',
    message: /must be today or in the past/,
    kept: new RegExp(`value="${nextYear}"`),
  },
  {
    name: 'a date of birth over 120 years ago',
    form: { 'dateOfBirth-year': '1890' },
    field: 'dateOfBirth',
    message: /within the last 120 years/,
    kept: /value="1890"/,
  },
  {
    name: 'an impossible date',
    form: { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' },
    field: 'dateOfBirth',
    message: /must be a real date/,
    kept: /value="31"/,
  },
  {
    name: 'a malformed postcode',
    form: { postcode: 'NOT A CODE' },
    field: 'postcode',
    message: /Enter a full UK postcode/,
    kept: /value="NOT A CODE"/,
  },
  {
    name: 'a postcode not found, and no local authority',
    form: { postcode: 'SA99 9ZZ', localAuthorityCode: '' },
    field: 'localAuthorityCode',
    message: /could not find this postcode/,
    kept: /value="SA99 9ZZ"/,
  },
  {
    name: 'an unknown local authority',
    form: { localAuthorityCode: 'W06999999' },
    field: 'localAuthorityCode',
    message: /Choose a local authority from the list/,
  },
  {
    name: 'an area no provider covers',
    form: { postcode: 'LD1 5AA', localAuthorityCode: 'W06000023' },
    field: 'receivingOrganisationId',
    message: /No social prescribing service in Cyswllt covers this area/,
  },
  {
    name: 'no agreement from the person',
    form: { personAgreed: [] },
    field: 'personAgreed',
    message: /Confirm that the person has agreed to this referral/,
  },
  { name: 'no reason', form: { reasons: [] }, field: 'reasons', message: /Choose at least one/ },
  {
    name: '"something else" without details',
    form: { reasons: ['other'], reasonDetails: '' },
    field: 'reasonDetails',
    message: /Tell us what else/,
  },
  { name: 'no route', form: { route: '' }, field: 'route', message: /Choose where the referral comes from/ },
  {
    name: 'the self-referral route',
    form: { route: 'self' },
    field: 'route',
    message: /Choose one of the options given/,
  },
  { name: 'no role', form: { referrerRole: '' }, field: 'referrerRole', message: /Enter your role or profession/ },
  {
    name: 'no way to reach the referrer',
    form: { referrerContact: '' },
    field: 'referrerContact',
    message: /Enter a phone number or email address we can reach you on/,
  },
  {
    name: 'a bad email address',
    form: { email: 'siân@', contactMethods: ['email'] },
    field: 'email',
    message: /Enter an email address in the correct format/,
    kept: /value="siân@"/,
  },
  {
    name: 'an interpreter with no language',
    form: { communicationNeeds: ['interpreter'] },
    field: 'interpreterLanguage',
    message: /language an interpreter should speak/,
  },
  {
    name: 'a child with no guardian',
    form: { 'dateOfBirth-year': childYear },
    field: 'guardianName',
    message: /parent, guardian or carer for someone under 18/,
  },
  {
    name: 'a child consenting alone without being judged competent',
    form: { 'dateOfBirth-year': childYear, guardianName: 'Angharad', guardianContact: '07700 900982' },
    field: 'youngPersonCompetent',
    message: /say who consented/,
  },
  {
    name: 'reason details over 2,000 characters',
    form: { reasonDetails: 'a'.repeat(2001) },
    field: 'reasonDetails',
    message: /2,000 characters or fewer/,
  },
  {
    name: 'a receiving organisation that is not a provider',
    form: { receivingOrganisationId: '00000000-0000-4000-8000-000000000000' },
    field: 'receivingOrganisationId',
    message: /Choose one of the options given/,
  },
]

for (const kind of databaseKinds()) {
  describe(`professional referral form: bad input (${kind})`, () => {
    let t: TestApp
    let agent: Agent
    before(async () => {
      t = await startTestApp(kind)
      agent = new Agent(t.app)
      await agent.signIn('referrer')
    })
    after(() => t.close())

    for (const c of cases) {
      it(`refuses ${c.name}: 400, the field named, values kept, nothing written`, async () => {
        const db = t.app.deps.database.db
        const before = await counts(db)
        await agent.get('/referrals/new')
        const response = await agent.submit(
          '/referrals/new',
          validForm({ givenName: 'Zoë', familyName: '陈', ...c.form }),
        )
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /There is a problem/)
        assert.match(response.body, new RegExp(`href="#${c.field === 'dateOfBirth' ? 'dateOfBirth-day' : c.field}"`))
        assert.match(response.body, c.message)
        assert.match(response.body, /value="Zoë"/)
        assert.match(response.body, /value="陈"/)
        assert.match(response.body, /<title>Error:/)
        if (c.kept) assert.match(response.body, c.kept)
        assert.deepEqual(await counts(db), before)
      })
    }

    it('keeps every kind of typed value after an error', async () => {
      await agent.get('/referrals/new')
      const cardiff = await organisationId(t.app.deps.database.db, 'Cardiff and Vale Community Connectors')
      const response = await agent.submit(
        '/referrals/new',
        validForm({
          personAgreed: [],
          route: 'housing',
          contactMethods: ['phone', 'letter'],
          address: '1 Stryd y Bont\nCaerdydd',
          communicationNeeds: ['bsl'],
          urgency: 'soon',
          crisis: 'yes',
          loneWorkerRisk: 'yes',
          risks: '<b>dog</b>',
          receivingOrganisationId: cardiff,
        }),
      )
      assert.equal(response.statusCode, 400)
      const body = response.body
      assert.match(body, /value="housing" checked/)
      assert.match(body, /value="letter" checked/)
      assert.match(body, /value="bsl" checked/)
      assert.match(body, /value="soon" checked/)
      assert.match(body, /name="crisis" type="checkbox" value="yes" checked/)
      assert.match(body, /name="loneWorkerRisk" type="checkbox" value="yes" checked/)
      assert.match(body, /value="cy" checked/)
      assert.match(body, /1 Stryd y Bont\nCaerdydd<\/textarea>/)
      assert.match(body, /&lt;b&gt;dog&lt;\/b&gt;<\/textarea>/, 'HTML typed is shown escaped')
      assert.match(body, /value="W06000015" selected/)
      assert.ok(body.includes(`value="${cardiff}" selected`))
    })

    it('lists every problem at once, top to bottom, in Welsh for a Welsh page', async () => {
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('referrer')
      await welsh.get('/referrals/new')
      const db = t.app.deps.database.db
      const before = await counts(db)
      const response = await welsh.submit('/referrals/new', {
        referrerName: '',
        referrerRole: '',
        givenName: '',
        familyName: '',
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Mae problem/)
      const order = [
        '#referrerName',
        '#referrerRole',
        '#referrerContact',
        '#route',
        '#givenName',
        '#familyName',
        '#dateOfBirth-day',
        '#postcode',
        '#reasons',
        '#personAgreed',
      ]
      const positions = order.map((href) => response.body.indexOf(`href="${href}"`))
      assert.ok(
        positions.every((p) => p > 0),
        `all named: ${positions.join()}`,
      )
      assert.deepEqual(
        [...positions].sort((a, b) => a - b),
        positions,
        'in the order of the form',
      )
      assert.match(response.body, /Rhowch enw cyntaf/)
      assert.match(response.body, /Rhowch ddyddiad geni/)
      assert.match(response.body, /Cadarnhewch/)
      assert.deepEqual(await counts(db), before)
    })
  })
}
