import assert from 'node:assert/strict'
import { it } from 'node:test'
import { loadSupervisionDemo } from '../../src/features/supervision/demo.js'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * Supervision in a real browser, in Welsh by default (issue 8 §4): the team lead records a session for Rhian after
 * meeting the error summary and agrees an action; Rhian finds it among her open actions, marks it done with a note
 * and writes a reflective note (meeting the error summary first). axe checks every page on the way.
 */
browserSuite('browser journeys: supervision', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`a team lead records a session; the supervisee follows up the action and reflects (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const db = rig.app.app.deps.database.db
      await loadSupervisionDemo(db)
      const lead = await rig.visitor(lang)
      await lead.signInAs('teamlead', lang)
      await lead.clickLink(t('supervision.nav'))
      assert.equal(await lead.heading(), t('supervision.title'))
      assert.ok((await lead.page.locator('#team-lead-note').innerText()).includes(t('supervision.list.teamLeadNote')))
      await lead.clickButton(t('supervision.list.record'))
      assert.equal(await lead.heading(), t('supervision.new.title'))
      await lead.page.locator('#heldOn-year').fill(String(new Date().getUTCFullYear() + 1))
      await lead.clickButton(t('supervision.new.save'), { status: 400 })
      const summary = await lead.page.locator('.govuk-error-summary').innerText()
      assert.ok(summary.includes(t('supervision.errors.superviseeMissing')))
      assert.ok(summary.includes(t('supervision.errors.heldOnFuture')))
      assert.ok(summary.includes(t('supervision.errors.topicsMissing')))
      await lead.page.locator('#superviseeId').selectOption({ label: 'Rhian Practitioner' })
      await lead.page.locator('#heldOn-year').fill(String(new Date().getUTCFullYear() - 1))
      await lead.page.getByLabel(t('supervision.kinds.group'), { exact: true }).check()
      await lead.page.getByLabel(t('supervision.topics.caseload'), { exact: true }).check()
      await lead.page.getByLabel(t('supervision.topics.training'), { exact: true }).check()
      await lead.clickButton(t('supervision.new.save'))
      assert.equal(await lead.heading(), t('supervision.session.title'))
      await lead.fill({ [t('supervision.fields.description')]: lang === 'cy' ? 'Darllen y polisi diogelu newydd' : 'Read the new safeguarding policy' })
      await lead.page.getByLabel('Rhian Practitioner', { exact: true }).check()
      await lead.clickButton(t('supervision.actions.save'))
      assert.ok((await lead.page.locator('.govuk-notification-banner').innerText()).includes(t('supervision.saved.action')))
      const sessionPath = lead.path().split('?')[0] as string
      await lead.done()

      const rhian = await rig.visitor(lang)
      await rhian.signInAs('practitioner', lang)
      await rhian.visit('/supervision')
      await rhian.clickLink(lang === 'cy' ? 'Darllen y polisi diogelu newydd' : 'Read the new safeguarding policy')
      assert.equal(rhian.path().split('?')[0]?.split('#')[0], sessionPath)
      await rhian.fill({ [t('supervision.actions.followUpNote')]: lang === 'cy' ? 'Wedi’i ddarllen' : 'Read it' })
      await rhian.clickButton(t('supervision.actions.markDone'))
      assert.ok((await rhian.page.locator('#actions ~ .govuk-summary-card').first().innerText()).includes(t('supervision.actions.statuses.done')))
      await rhian.clickButton(t('supervision.reflections.save'), { status: 400 })
      assert.ok((await rhian.page.locator('.govuk-error-summary').innerText()).includes(t('supervision.errors.reflectionMissing')))
      await rhian.fill({ [t('supervision.reflections.add')]: lang === 'cy' ? 'Roedd yn dda siarad am y llwyth achosion.' : 'It helped to talk about the caseload.' })
      await rhian.clickButton(t('supervision.reflections.save'))
      assert.ok((await rhian.page.locator('#reflections ~ .reflection').first().innerText()).includes(lang === 'cy' ? 'Roedd yn dda' : 'It helped'))
      await rhian.done()
    })
  }
})
