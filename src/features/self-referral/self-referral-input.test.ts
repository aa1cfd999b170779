import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadDraft } from './drafts.js'
import { DRAFT_COOKIE, paths, type QuestionStep } from './journey.js'
import { counts, type Form, walk } from './testing.js'

interface BadInput {
  step: QuestionStep
  form: Form
  message: string
  /** Markup showing the typed value was kept. */
  kept?: string
  /** The error summary links here. */
  href: string
}

const long = (n: number) => 'a'.repeat(n)

/** Each page's bad input (issue 3, "Bad input"): a specific message in the user's language, the value kept. */
const cases: BadInput[] = [
  { step: 'language', form: {}, message: 'Choose whether you would like to use Welsh', href: '#useWelsh' },
  { step: 'name', form: { givenName: '', familyName: 'Llŷr' }, message: 'Enter a first name', kept: 'value="Llŷr"', href: '#givenName' },
  { step: 'name', form: { givenName: long(101), familyName: 'Zoë' }, message: 'Names must be 100 characters or fewer', kept: `value="${long(101)}"`, href: '#givenName' },
  { step: 'date-of-birth', form: { 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '' }, message: 'Enter a date of birth', href: '#dateOfBirth-day' },
  { step: 'date-of-birth', form: { 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2099' }, message: 'Date of birth must be today or in the past', kept: 'value="2099"', href: '#dateOfBirth-day' },
  { step: 'date-of-birth', form: { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1990' }, message: 'Date of birth must be a real date', kept: 'value="31"', href: '#dateOfBirth-day' },
  { step: 'date-of-birth', form: { 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '1890' }, message: 'within the last 120 years', kept: 'value="1890"', href: '#dateOfBirth-day' },
  { step: 'postcode', form: { postcode: '' }, message: 'Enter a postcode', href: '#postcode' },
  { step: 'postcode', form: { postcode: 'CF10 XYZ' }, message: 'Enter a full UK postcode, like CF10 1AA', kept: 'value="CF10 XYZ"', href: '#postcode' },
  { step: 'local-authority', form: { localAuthorityCode: '' }, message: 'Choose the local authority', href: '#localAuthorityCode' },
  { step: 'local-authority', form: { localAuthorityCode: 'W06999999' }, message: 'Choose a local authority from the list', href: '#localAuthorityCode' },
  { step: 'contact', form: { safeToLeaveMessage: 'yes' }, message: 'Choose at least one way we can contact you', href: '#contactMethods' },
  { step: 'contact', form: { contactMethods: ['phone'], phone: '', safeToLeaveMessage: 'yes', contactTimes: 'Evenings' }, message: 'Enter a phone number to be phoned or sent a text', kept: 'value="Evenings"', href: '#phone' },
  { step: 'contact', form: { contactMethods: ['email'], email: 'not-an-email', safeToLeaveMessage: 'no' }, message: 'Enter an email address in the correct format', kept: 'value="not-an-email"', href: '#email' },
  { step: 'contact', form: { contactMethods: ['letter'], address: '', safeToLeaveMessage: 'no' }, message: 'Enter an address to be contacted by letter', href: '#address' },
  { step: 'contact', form: { contactMethods: ['text'], mobile: '12', safeToLeaveMessage: 'no' }, message: 'Enter a phone number, like', kept: 'value="12"', href: '#mobile' },
  { step: 'contact', form: { contactMethods: ['phone'], phone: '029 2018 0000', contactTimes: long(201), safeToLeaveMessage: 'yes' }, message: 'This must be 200 characters or fewer', kept: 'value="029 2018 0000"', href: '#contactTimes' },
  { step: 'contact', form: { contactMethods: ['phone'], phone: '029 2018 0000' }, message: 'Choose whether it is safe for us to leave a message', href: '#safeToLeaveMessage' },
  { step: 'help', form: { reasonDetails: 'Company, please' }, message: 'Choose at least one thing you would like help with', kept: 'Company, please</textarea>', href: '#reasons' },
  { step: 'help', form: { reasons: ['other'], reasonDetails: '' }, message: 'Tell us what else you would like help with', href: '#reasonDetails' },
  { step: 'help', form: { reasons: ['housing'], reasonDetails: long(2001) }, message: 'This must be 2,000 characters or fewer', kept: `${long(2001)}</textarea>`, href: '#reasonDetails' },
  { step: 'communication', form: { communicationNeeds: ['interpreter'], interpreterLanguage: '' }, message: 'Enter the language an interpreter should speak', href: '#interpreterLanguage' },
  { step: 'communication', form: { communicationNeeds: ['interpreter'], interpreterLanguage: long(201) }, message: 'This must be 200 characters or fewer', href: '#interpreterLanguage' },
  { step: 'carer', form: { hasSupport: 'yes' }, message: 'Choose whether you look after someone', kept: 'value="yes" checked', href: '#isCarer' },
  { step: 'carer', form: { isCarer: 'maybe', hasSupport: 'no' }, message: 'Choose one of the options given', href: '#isCarer' },
  { step: 'consent', form: {}, message: 'You need to agree to be contacted and to the privacy notice', href: '#personAgreed' },
]

for (const kind of databaseKinds()) {
  describe(`self-referral bad input (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    /** One person part-way through, on the page before the bad answer. */
    async function at(step: QuestionStep): Promise<Agent> {
      const agent = new Agent(t.app)
      await walk(agent, {}, paths.step(step))
      return agent
    }

    for (const c of cases) {
      it(`${c.step}: ${c.message}`, async () => {
        const db = t.app.deps.database.db
        const agent = await at(c.step)
        const draftBefore = await loadDraft(db, agent.cookie(DRAFT_COOKIE))
        const before = await counts(db)
        const response = await agent.submit(paths.step(c.step), c.form)
        assert.equal(response.statusCode, 400)
        assert.ok(response.body.includes('There is a problem'), 'error summary')
        assert.ok(response.body.includes(c.message), c.message)
        assert.ok(response.body.includes(`href="${c.href}"`), `links to ${c.href}`)
        assert.ok(response.body.includes('<title>Error:'), 'the title says there is an error')
        if (c.kept) assert.ok(response.body.includes(c.kept), `kept ${c.kept.slice(0, 40)}`)
        assert.deepEqual(await counts(db), before, 'nothing written')
        assert.deepEqual((await loadDraft(db, agent.cookie(DRAFT_COOKIE)))?.answers ?? null, draftBefore?.answers ?? null, 'the draft is unchanged')
      })
    }

    it('gives the messages in Welsh on a Welsh page', async () => {
      const agent = new Agent(t.app, 'cy')
      await walk(agent, { language: { useWelsh: 'yes' } }, paths.step('date-of-birth'))
      const response = await agent.submit(paths.step('date-of-birth'), { 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2099' })
      assert.equal(response.statusCode, 400)
      assert.ok(response.body.includes('Mae problem'))
      assert.ok(response.body.includes('Rhaid i&#39;r dyddiad geni fod heddiw neu yn y gorffennol'))
    })

    it('keeps CSRF protection on every page: a form without the token is refused and nothing is kept', async () => {
      const agent = await at('name')
      const draftBefore = await loadDraft(t.app.deps.database.db, agent.cookie(DRAFT_COOKIE))
      const response = await agent.submit(paths.step('name'), { givenName: 'Siân', familyName: 'Llŷr', _csrf: 'forged' })
      assert.equal(response.statusCode, 403)
      assert.deepEqual((await loadDraft(t.app.deps.database.db, agent.cookie(DRAFT_COOKIE)))?.answers, draftBefore?.answers)
      const first = await new Agent(t.app).submit(paths.step('language'), { useWelsh: 'no' }, { csrf: false })
      assert.equal(first.statusCode, 403)
    })

    it('does not let a page be reached by its address before the pages it depends on', async () => {
      const fresh = await new Agent(t.app).get(paths.step('contact'))
      assert.equal(fresh.statusCode, 303)
      assert.equal(fresh.headers.location, paths.start)
      const agent = await at('name')
      const skip = await agent.get(paths.step('consent'))
      assert.equal(skip.headers.location, paths.step('name'))
      const post = await agent.submit(paths.step('check-answers'), {})
      assert.equal(post.headers.location, paths.step('name'))
    })
  })
}
