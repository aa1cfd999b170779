import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { createApiToken } from '../../platform/security/api-tokens.js'
import { instrumentForm } from './contract.js'
import { loadInstrumentDemo } from './demo.js'
import { assertExpected, vectors } from './testing.js'

const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

/** A translation file as an owner would approve it; the wording here is a placeholder, not Welsh item text. */
const translationFile = (extra: Record<string, unknown> = {}) => ({
  instrumentId: 'ucla3_ons',
  language: 'cy',
  instructions: '[approved instructions]',
  items: { ucla3_1: '[approved item 1]', ucla3_2: '[approved item 2]', ucla3_3: '[approved item 3]' },
  responseLabels: { '1': '[label 1]', '2': '[label 2]', '3': '[label 3]' },
  approvedBy: 'Test owner',
  approvalReference: 'T-1',
  ...extra,
})

for (const kind of databaseKinds()) {
  describe(`instruments: scoring API, catalogue and settings (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    let admin: Agent
    let providerId: string
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      admin = new Agent(t.app)
      await admin.signIn('admin')
      providerId = (await db().selectFrom('users').select('organisation_id').where('email', '=', 'practitioner@demo.cyswllt.test').executeTakeFirstOrThrow()).organisation_id
    })
    after(() => t.close())
    const db = () => t.app.deps.database.db
    const auditCount = async (action: string) => (await db().selectFrom('audit_events').select('id').where('action', '=', action).execute()).length

    for (const v of vectors) {
      it(`vector ${v.id} (${v.instrument}) through the API`, v.provisional ? { todo: 'provisional' } : {}, async () => {
        const response = await practitioner.api('POST', `/api/v1/instruments/${v.instrument}/score`, v.input)
        assert.equal(response.statusCode, 200, response.body)
        assertExpected(response.json(), v.expected, v.id)
        if ('baseline' in (v.input as object) || 'baselineTotal' in (v.input as object) || 'baselineRaw' in (v.input as object)) {
          const change = await practitioner.api('POST', `/api/v1/instruments/${v.instrument}/change`, v.input)
          assertExpected(change.json(), v.expected, `${v.id} /change`)
        }
      })
    }

    it('lists the instruments and describes one, with provisional flags; an unknown one is 404', async () => {
      const list = (await practitioner.api('GET', '/api/v1/instruments')).json()
      assert.equal(list.instruments.length, 11)
      const swemwbs = (await practitioner.api('GET', '/api/v1/instruments/swemwbs')).json()
      assert.equal(swemwbs.bandsProvisional, true)
      assert.equal(swemwbs.licence.requires, 'registration')
      assert.deepEqual(swemwbs.series[0].meaningfulChange, { lenient: 1.03, strict: 2.87 })
      assert.ok(swemwbs.provisionalNotes.includes('conversion_raw_29'))
      assert.equal(JSON.stringify(swemwbs).includes('optimistic about the future'), false, 'no item wording in the catalogue')
      const missing = await practitioner.api('POST', '/api/v1/instruments/nope/score', { responses: [] })
      assert.equal(missing.statusCode, 404)
      assert.equal((await new Agent(t.app).api('GET', '/api/v1/instruments')).statusCode, 401)
      // Any signed-in user or API token may score: here a referrer's token.
      const referrer = await db().selectFrom('users').select('id').where('email', '=', 'referrer@demo.cyswllt.test').executeTakeFirstOrThrow()
      const { token } = await createApiToken(db(), referrer.id, 'scoring', 1)
      const byToken = await t.app.inject({ method: 'POST', url: '/api/v1/instruments/wemwbs/change', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ baselineTotal: 40, followUpTotal: 48 }) })
      assert.equal(byToken.statusCode, 200, byToken.body)
      assert.deepEqual([byToken.json().change, byToken.json().meetsStrict_8], [8, true])
    })

    it('refuses invalid responses with 422 invalid_response naming the item, in the language asked for', async () => {
      const response = await practitioner.api('POST', '/api/v1/instruments/swemwbs/score', { responses: [3, 3, 6, 3, 3, 3, 3] })
      assert.equal(response.statusCode, 422)
      assert.match(String(response.headers['content-type']), /application\/problem\+json/)
      assert.equal(response.json().code, 'invalid_response')
      assert.match(response.json().detail, /swemwbs_3/)
      for (const body of [{ responses: [3, 3] }, { responses: ['x', 3, 3, 3, 3, 3, 3] }, { answers: { satisfaction: 2.5 } }, { emotional: ['maybe', 'no', 'no'], social: ['no', 'no', 'no'] }, [1, 2]]) {
        const id = 'answers' in body ? 'ons4' : 'emotional' in body ? 'djg6' : 'swemwbs'
        const r = await practitioner.api('POST', `/api/v1/instruments/${id}/score`, body)
        assert.equal(r.statusCode, 422, JSON.stringify(body))
        assert.equal(r.json().code, 'invalid_response')
      }
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.api('POST', '/api/v1/instruments/gse/change', { responses: [1] })
      assert.equal(cy.statusCode, 422)
      assert.match(cy.json().detail, /ni ellir sgorio/)
    })

    it('shows the catalogue pages in English and Welsh', async () => {
      const list = await practitioner.get('/instruments')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Short Warwick-Edinburgh Mental Wellbeing Scale/)
      const page = await practitioner.get('/instruments/swemwbs')
      assert.match(page.body, /These bands are provisional/)
      assert.match(page.body, /\(c\) NHS Health Scotland/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.get('/instruments/djg6')
      assert.equal(cy.statusCode, 200)
      assert.match(cy.body, /Unigrwydd emosiynol/)
      assert.equal((await practitioner.get('/instruments/nope')).statusCode, 404)
    })

    it('offers WEMWBS items only after registration, licensed tools only while licensed, and keeps the history', async () => {
      assert.deepEqual(await instrumentForm(db(), providerId, 'swemwbs', 'en'), { available: false, reason: 'registration_required' })
      assert.deepEqual(await instrumentForm(db(), providerId, 'pam', 'en'), { available: false, reason: 'licence_required' })
      assert.equal((await practitioner.get('/admin/instruments')).statusCode, 403)
      await admin.get(`/admin/instruments?organisation=${providerId}`)
      const bad = await admin.submit('/admin/instruments/permissions', { organisation: providerId, instrumentId: 'swemwbs', reference: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Enter the registration or licence reference/)
      assert.equal((await db().selectFrom('instrument_permissions').select('id').execute()).length, 0)
      const ok = await admin.submit('/admin/instruments/permissions', { organisation: providerId, instrumentId: 'swemwbs', reference: 'WAR-123', ...parts('registeredOn', inDays(-3)) })
      assert.equal(ok.statusCode, 303)
      const form = await instrumentForm(db(), providerId, 'swemwbs', 'en')
      assert.ok(form.available && form.mode === 'items')
      assert.equal(form.form.items.length, 7)
      assert.equal(form.form.items[0]?.text, "I've been feeling optimistic about the future")
      assert.match(form.form.copyrightLine, /Short Warwick Edinburgh/)
      assert.equal(await auditCount('instrument_permission.record'), 1)
      // A licence in the past is refused; one running to next year is recorded and then withdrawn.
      const past = await admin.submit('/admin/instruments/permissions', { organisation: providerId, instrumentId: 'pam', reference: 'PAM-1', ...parts('validUntil', inDays(-1)) })
      assert.equal(past.statusCode, 400)
      await admin.submit('/admin/instruments/permissions', { organisation: providerId, instrumentId: 'pam', reference: 'PAM-1', ...parts('validUntil', inDays(365)) })
      const pam = await instrumentForm(db(), providerId, 'pam', 'en')
      assert.ok(pam.available && pam.mode === 'entered_scores')
      assert.deepEqual(pam.fields.map((f) => f.id), ['activation_score', 'activation_level'])
      const row = await db().selectFrom('instrument_permissions').select('id').where('instrument_id', '=', 'pam').executeTakeFirstOrThrow()
      await admin.get(`/admin/instruments?organisation=${providerId}`)
      assert.equal((await admin.submit(`/admin/instruments/permissions/${row.id}/withdraw`, { organisation: providerId })).statusCode, 303)
      assert.deepEqual(await instrumentForm(db(), providerId, 'pam', 'en'), { available: false, reason: 'licence_required' })
      const settings = await admin.get(`/admin/instruments?organisation=${providerId}`)
      assert.match(settings.body, /Withdrawn/)
      assert.equal(await auditCount('instrument_permission.withdraw'), 1)
    })

    it('falls back to English items in Welsh until an approved translation is loaded, and validates the file', async () => {
      const before = await instrumentForm(db(), providerId, 'ucla3_ons', 'cy')
      assert.ok(before.available && before.mode === 'items')
      assert.deepEqual([before.form.itemLanguage, before.form.fallback], ['en', 'no_approved_translation'])
      await admin.get(`/admin/instruments/translations/new?organisation=${providerId}`)
      const items = translationFile().items
      const bad = await admin.submit('/admin/instruments/translations', { organisation: providerId, translation: JSON.stringify(translationFile({ items: { ucla3_1: 'a', ucla3_2: 'b', ucla3_9: 'c' } })) })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Item ucla3_3 is missing/)
      assert.match(bad.body, /ucla3_9 is not an item of this instrument/)
      assert.equal((await admin.submit('/admin/instruments/translations', { organisation: providerId, translation: '{oops' })).statusCode, 400)
      assert.equal((await db().selectFrom('instrument_translations').select('id').execute()).length, 0)
      const ok = await admin.submit('/admin/instruments/translations', { organisation: providerId, translation: JSON.stringify(translationFile()) })
      assert.equal(ok.statusCode, 303)
      const afterLoad = await instrumentForm(db(), providerId, 'ucla3_ons', 'cy')
      assert.ok(afterLoad.available && afterLoad.mode === 'items')
      assert.deepEqual([afterLoad.form.itemLanguage, afterLoad.form.fallback, afterLoad.form.items[2]?.text, afterLoad.form.items[0]?.options[0]?.label], ['cy', null, items.ucla3_3, '[label 1]'])
      assert.equal(await auditCount('instrument_translation.load'), 1)
    })

    it('takes the settings through the API too, with 422 on bad input and nothing written', async () => {
      const before = (await db().selectFrom('instrument_permissions').select('id').execute()).length
      const bad = await admin.api('POST', `/api/v1/organisations/${providerId}/instrument-settings/permissions`, { instrumentId: 'eq5d5l', reference: 'EQ-1' })
      assert.equal(bad.statusCode, 422)
      assert.equal(bad.json().errors[0].field, 'validUntil')
      assert.equal((await db().selectFrom('instrument_permissions').select('id').execute()).length, before)
      const ok = await admin.api('POST', `/api/v1/organisations/${providerId}/instrument-settings/permissions`, { instrumentId: 'eq5d5l', reference: 'EQ-1', validUntil: inDays(30) })
      assert.equal(ok.statusCode, 201)
      const listed = (await admin.api('GET', `/api/v1/organisations/${providerId}/instrument-settings`)).json()
      assert.ok(listed.permissions.some((p: { reference: string }) => p.reference === 'EQ-1'))
      const withdrawn = await admin.api('POST', `/api/v1/organisations/${providerId}/instrument-settings/permissions/${ok.json().id}/withdraw`)
      assert.equal(withdrawn.statusCode, 200)
      const again = await admin.api('POST', `/api/v1/organisations/${providerId}/instrument-settings/permissions/${ok.json().id}/withdraw`)
      assert.equal(again.statusCode, 404)
      const badFile = await admin.api('POST', `/api/v1/organisations/${providerId}/instrument-settings/translations`, translationFile({ language: 'fr' }))
      assert.equal(badFile.statusCode, 422)
      assert.equal((await practitioner.api('GET', `/api/v1/organisations/${providerId}/instrument-settings`)).statusCode, 403)
    })

    it('records the demo registrations and licence for the demo providers', async () => {
      await loadInstrumentDemo(db())
      await loadInstrumentDemo(db())
      const gwynedd = (await db().selectFrom('users').select('organisation_id').where('email', '=', 'practitioner2@demo.cyswllt.test').executeTakeFirstOrThrow()).organisation_id
      for (const id of ['wemwbs', 'swemwbs', 'mycaw'] as const) assert.equal((await instrumentForm(db(), gwynedd, id, 'en')).available, true, id)
      assert.equal((await db().selectFrom('instrument_permissions').select('id').where('organisation_id', '=', gwynedd).execute()).length, 3)
    })
  })
}
