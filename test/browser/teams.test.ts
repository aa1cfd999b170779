import assert from 'node:assert/strict'
import { it } from 'node:test'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * Teams in a real browser (issue 7): an administrator opens an organisation's teams, meets the error summary, adds
 * a team, archives it, and puts a practitioner in one of the demo teams on the user form. axe checks every page.
 */
browserSuite('browser journeys: teams', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`an administrator adds and archives a team and gives a practitioner a team (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const db = rig.app.app.deps.database.db
      const cardiff = (await db.selectFrom('organisations').select('id').where('name', '=', 'Cardiff and Vale Community Connectors').executeTakeFirstOrThrow()).id
      const v = await rig.visitor(lang)
      await v.signInAs('admin', lang)
      await v.visit(`/admin/organisations/${cardiff}`)
      await v.clickLink(t('teams.organisationLink'))
      assert.equal(await v.heading(), t('teams.title'))
      await v.clickButton(t('teams.add'), {}, v.page.locator('main'))
      await v.clickButton(t('teams.save'), { status: 400 })
      assert.ok((await v.page.locator('.govuk-error-summary').innerText()).includes(t('teams.errors.nameMissing')))
      await v.fill({ [t('teams.fields.name')]: 'Vale', [t('teams.fields.nameCy')]: 'Bro' })
      await v.clickButton(t('teams.save'))
      assert.equal((await v.page.locator('.govuk-notification-banner__content').innerText()).trim(), t('teams.notices.created'))
      await v.clickButton(t('teams.archive.button'))
      assert.equal((await v.page.locator('.govuk-notification-banner__content').innerText()).trim(), t('teams.notices.archived'))

      const sian = (await db.selectFrom('users').select('id').where('email', '=', 'teamlead@demo.cyswllt.test').executeTakeFirstOrThrow()).id
      await v.visit(`/admin/users/${sian}`)
      await v.page.getByLabel(t('teams.fields.team'), { exact: true }).selectOption({ label: lang === 'cy' ? 'Gogledd' : 'North' })
      await v.clickButton(t('admin.users.save'))
      const north = (await db.selectFrom('teams').select('id').where('name', '=', 'North').executeTakeFirstOrThrow()).id
      assert.equal((await db.selectFrom('users').select('team_id').where('id', '=', sian).executeTakeFirstOrThrow()).team_id, north)
      await v.done()
    })
  }
})
