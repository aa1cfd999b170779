import assert from 'node:assert/strict'
import { it } from 'node:test'
import { browserSuite, otherLanguage, suiteLanguages, text, type Visitor } from './support.js'

/**
 * Administration and the signed-in user's own account, in a real browser, once in each language: adding an
 * organisation (after a validation error), finding users, changing one's password and managing API tokens.
 */
browserSuite('browser journeys: administration and account', (rig) => {
  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    const menu = (v: Visitor) => v.page.getByRole('navigation', { name: t('common.menu') })
    const main = (v: Visitor) => v.page.locator('main')
    const summaryLinks = async (v: Visitor) => {
      const links = v.page.locator('.govuk-error-summary').getByRole('link')
      return Promise.all(
        (await links.all()).map(async (l) => [(await l.innerText()).trim(), await l.getAttribute('href')]),
      )
    }
    const banner = async (v: Visitor) =>
      (await v.page.locator('.govuk-notification-banner__content').innerText()).trim()

    it(`an administrator adds an organisation, after a validation error (${lang})`, async () => {
      const v = await rig.visitor(otherLanguage(lang))
      await v.signInAs('admin', lang)
      await v.clickLink(t('common.nav.organisations'), {}, menu(v))
      assert.equal(v.path(), '/admin/organisations')
      assert.equal(await v.heading(), t('admin.organisations.title'))
      await v.clickButton(t('admin.organisations.add'), {}, main(v)) // a link drawn as a button
      assert.equal(v.path(), '/admin/organisations/new')
      assert.equal(await v.heading(), t('admin.organisations.newTitle'))

      // Nothing filled in: two errors, each linked to its field; nothing saved.
      await v.clickButton(t('admin.organisations.save'), { status: 400 }, main(v))
      assert.deepEqual(await summaryLinks(v), [
        [t('admin.organisations.errors.nameMissing'), '#name'],
        [t('admin.organisations.errors.typeMissing'), '#type'],
      ])
      assert.ok((await v.page.title()).startsWith(t('common.errorTitlePrefix')))
      await v.page
        .locator('.govuk-error-summary')
        .getByRole('link', { name: t('admin.organisations.errors.typeMissing') })
        .click()
      assert.equal(await v.page.evaluate(() => document.activeElement?.getAttribute('name')), 'type')

      // Put right: the English and Welsh names, the type, and two areas found under their health board.
      const name = `Browser Test Walking Group ${lang}`
      await v.fill({
        [t('admin.organisations.fields.name')]: name,
        [t('admin.organisations.fields.nameCy')]: `Grŵp Cerdded Prawf Porwr ${lang}`,
      })
      await v.page.getByLabel(t('common.organisationTypes.asset'), { exact: true }).check()
      for (const area of lang === 'cy' ? ['Caerdydd', 'Bro Morgannwg'] : ['Cardiff', 'Vale of Glamorgan']) {
        await v.page.getByLabel(area, { exact: true }).check()
      }
      await v.clickButton(t('admin.organisations.save'), {}, main(v))
      assert.equal(new URL(v.page.url()).pathname, '/admin/organisations')
      assert.equal(await v.lang(), lang)
      assert.equal(await banner(v), t('admin.organisations.saved', { name }))
      const row = v.page.locator('tbody tr', { has: v.page.getByRole('link', { name, exact: true }) })
      assert.equal(await row.count(), 1)
      assert.match(await row.innerText(), new RegExp(t('common.organisationTypes.asset')))
      assert.match(await row.innerText(), lang === 'cy' ? /Bro Morgannwg, Caerdydd/ : /Cardiff, Vale of Glamorgan/)

      // Its page shows what was saved.
      await v.clickLink(name, {}, row)
      assert.equal(await v.heading(), t('admin.organisations.editTitle'))
      assert.equal(await v.page.getByLabel(t('admin.organisations.fields.name'), { exact: true }).inputValue(), name)
      assert.ok(await v.page.getByLabel(t('common.organisationTypes.asset'), { exact: true }).isChecked())
      await v.done()
    })

    it(`an administrator finds users by role and opens one (${lang})`, async () => {
      const v = await rig.visitor(otherLanguage(lang))
      await v.signInAs('admin', lang)
      await v.clickLink(t('common.nav.users'), {}, menu(v))
      assert.equal(v.path(), '/admin/users')
      assert.equal(await v.heading(), t('admin.users.title'))
      assert.equal(await v.page.getByRole('status').innerText(), t('admin.users.count', { count: 9 }))

      await v.page.getByLabel(t('admin.users.filters.role'), { exact: true }).selectOption('practitioner')
      await v.clickButton(t('admin.filter'), {}, main(v))
      assert.equal(new URL(v.page.url()).searchParams.get('role'), 'practitioner')
      const names = (await v.page.locator('tbody th').allInnerTexts()).map((s) => s.trim()).sort()
      assert.deepEqual(names, ['Gareth Practitioner', 'Rhian Practitioner', 'Siân Team Lead'])
      assert.equal(await v.page.getByRole('status').innerText(), t('admin.users.count', { count: 3 }))

      await v.clickLink('Rhian Practitioner', {}, main(v))
      assert.match(new URL(v.page.url()).pathname, /^\/admin\/users\/[0-9a-f-]{36}$/)
      assert.equal(await v.heading(), 'Rhian Practitioner')
      assert.equal(await v.page.locator('.govuk-caption-l').innerText(), 'practitioner@demo.cyswllt.test')
      assert.equal(await v.page.getByRole('heading', { name: t('admin.users.editHeading'), exact: true }).count(), 1)
      await v.clickLink(t('common.back'))
      assert.equal(v.path(), '/admin/users')
      await v.done()
    })

    it(`a user changes their password, after mistakes (${lang})`, async () => {
      // One account per language: the password it ends with is not the demo one.
      const who = lang === 'en' ? 'editor' : 'commissioner'
      const v = await rig.visitor(otherLanguage(lang))
      await v.signInAs(who, lang)
      await v.clickLink(t('common.nav.account'), {}, menu(v))
      assert.equal(v.path(), '/account')
      assert.equal(await v.heading(), t('account.overview.title'))
      await v.clickLink(t('account.overview.changePasswordLink'), {}, main(v))
      assert.equal(v.path(), '/account/password')
      assert.equal(await v.heading(), t('account.password.title'))

      const fields = (current: string, next: string, confirm: string) => ({
        [t('account.password.current')]: current,
        [t('account.password.new')]: next,
        [t('account.password.confirm')]: confirm,
      })
      const newPassword = `heather mountain kettle ${lang} river`
      await v.fill(fields('not my password', newPassword, `${newPassword} typo`))
      await v.clickButton(t('account.password.submit'), { status: 400 }, main(v))
      assert.deepEqual(await summaryLinks(v), [
        [t('account.password.errors.currentWrong'), '#currentPassword'],
        [t('account.password.errors.confirmMismatch'), '#confirmPassword'],
      ])
      // No password is ever sent back to the browser.
      for (const id of ['currentPassword', 'newPassword', 'confirmPassword'])
        assert.equal(await v.page.locator(`#${id}`).inputValue(), '')

      await v.fill(fields('demo-password-for-tests', newPassword, newPassword))
      await v.clickButton(t('account.password.submit'), {}, main(v))
      assert.equal(v.path(), '/account?changed=1')
      assert.equal(await banner(v), t('account.overview.passwordChanged'))

      // The new password works, the old one does not.
      await v.clickButton(t('common.signOut'))
      await v.signIn(who, lang, 'demo-password-for-tests', { status: 401 })
      await v.signIn(who, lang, newPassword)
      assert.equal(v.path(), '/home')
      await v.done()
    })

    it(`a user creates, uses and revokes a personal API token (${lang})`, async () => {
      const who = lang === 'en' ? 'asset' : 'referrer'
      const v = await rig.visitor(otherLanguage(lang))
      await v.signInAs(who, lang)
      await v.clickLink(t('common.nav.account'), {}, menu(v))
      await v.clickLink(t('account.overview.apiTokensLink'), {}, main(v))
      assert.equal(v.path(), '/account/api-tokens')
      assert.equal(await v.heading(), t('account.apiTokens.title'))
      assert.ok(await v.page.getByText(t('account.apiTokens.none'), { exact: true }).isVisible())

      await v.clickButton(t('account.apiTokens.create'), { status: 400 }, main(v))
      assert.deepEqual(await summaryLinks(v), [[t('account.apiTokens.errors.nameMissing'), '#name']])

      const name = `Monthly report ${lang}`
      await v.fill({ [t('account.apiTokens.name')]: name })
      await v.page.getByLabel(t('account.apiTokens.daysOption', { count: 90 }), { exact: true }).check()
      await v.clickButton(t('account.apiTokens.create'), {}, main(v))
      assert.equal(await v.heading(), t('account.apiTokens.created.title'))
      const token = await v.page.getByLabel(t('account.apiTokens.created.tokenLabel'), { exact: true }).inputValue()
      assert.match(token, /^cys_[\w-]{20,}$/)

      // The token works for the API, as the person it belongs to, without any cookie.
      const me = await fetch(`${rig.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
      assert.equal(me.status, 200)
      assert.equal(((await me.json()) as { email: string }).email, `${who}@demo.cyswllt.test`)

      await v.clickLink(t('account.apiTokens.created.back'), {}, main(v))
      const row = v.page.locator('tbody tr', { hasText: name })
      assert.match(await row.innerText(), new RegExp(t('account.apiTokens.status.active')))
      assert.equal(await v.page.getByText(token).count(), 0, 'the token must never be shown again')
      await v.clickButton(`${t('account.apiTokens.revoke')} ${name}`, {}, row)
      assert.equal(v.path(), '/account/api-tokens?revoked=1')
      assert.equal(await banner(v), t('account.apiTokens.revokedBanner'))
      assert.match(
        await v.page.locator('tbody tr', { hasText: name }).innerText(),
        new RegExp(t('account.apiTokens.status.revoked')),
      )
      const after = await fetch(`${rig.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
      assert.equal(after.status, 401)
      assert.equal(((await after.json()) as { code: string }).code, 'invalid_token')
      await v.done()
    })
  }
})
