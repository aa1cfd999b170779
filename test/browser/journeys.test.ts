import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { Language } from '../../src/platform/i18n/i18n.js'
import { browserSuite, otherLanguage, text } from './support.js'

/**
 * The public and signed-in basics, in a real browser, once in each language. Each journey starts in a browser
 * that asks for the other language and switches with the toggle on the page; the choice then sticks.
 */
browserSuite('browser journeys', (rig) => {
  for (const lang of ['en', 'cy'] as Language[]) {
    const t = (key: string, params?: Record<string, string>) => text(lang, key, params)
    const other = otherLanguage(lang)

    it(`start page (${lang})`, async () => {
      const v = await rig.visitor(other)
      await v.visit('/')
      assert.equal(await v.lang(), other)
      assert.equal(await v.heading(), text(other, 'home.start.title'))
      await v.switchLanguage(lang)
      assert.equal(await v.heading(), t('home.start.title'))
      assert.equal(await v.page.locator('.govuk-body-l').innerText(), t('home.start.lead'))
      assert.equal(await v.page.locator('.cyswllt-header__tagline').innerText(), t('common.tagline'))
      assert.equal(await v.page.title(), `${t('home.start.title')} – ${t('common.serviceName')}`)
      // Nobody is signed in: no menu, no sign-out button; the start button leads to sign-in in the same language.
      assert.equal(await v.page.locator('.govuk-service-navigation').count(), 0)
      assert.equal(await v.page.getByRole('button', { name: t('common.signOut') }).count(), 0)
      await v.clickButton(t('home.start.staff.signIn')) // a start button: a link styled and announced as a button
      assert.equal(v.path(), '/sign-in')
      assert.equal(await v.lang(), lang)
      assert.equal(await v.heading(), t('auth.signIn.title'))
      await v.done()
    })

    it(`sign-in with a wrong password (${lang})`, async () => {
      const v = await rig.visitor(other)
      await v.visit('/sign-in')
      await v.switchLanguage(lang)
      await v.signIn('referrer', lang, 'not the right password at all', { status: 401 })
      const summary = v.page.locator('.govuk-error-summary')
      assert.ok(await summary.isVisible(), 'the error summary is not shown')
      // GOV.UK Frontend's script moves focus to the summary, so a screen reader announces it at once.
      assert.equal(
        await v.page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
        true,
        'the error summary should have focus',
      )
      assert.equal(
        (await summary.locator('.govuk-error-summary__title').innerText()).trim(),
        t('common.errorSummaryTitle'),
      )
      assert.ok(
        (await v.page.title()).startsWith(`${t('common.errorTitlePrefix')} `),
        'the page title does not start with "Error:"',
      )
      const link = summary.getByRole('link', { name: t('auth.signIn.errors.wrong') })
      assert.equal(await link.getAttribute('href'), '#email')
      // The message is repeated at the field, tied to it for screen readers, and what was typed is kept.
      const email = v.page.locator('#email')
      assert.match(
        await v.page.locator('#email-error').innerText(),
        new RegExp(t('auth.signIn.errors.wrong').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      )
      assert.match((await email.getAttribute('aria-describedby')) ?? '', /email-error/)
      assert.equal(await email.inputValue(), 'referrer@demo.cyswllt.test')
      assert.equal(await v.page.locator('#password').inputValue(), '', 'the password must not be sent back')
      // The summary's link takes the user to the field (GOV.UK Frontend moves focus without changing the URL).
      await link.click()
      assert.equal(
        await v.page.evaluate(() => document.activeElement?.id),
        'email',
        'following the error link should put focus on the field',
      )

      // Both fields empty: one error each, each linking to its own field.
      await v.fill({ [t('auth.signIn.email')]: '' })
      await v.clickButton(t('auth.signIn.submit'), { status: 400 }, v.page.locator('main'))
      const links = summary.getByRole('link')
      assert.deepEqual(await links.allInnerTexts(), [
        t('auth.signIn.errors.emailMissing'),
        t('auth.signIn.errors.passwordMissing'),
      ])
      assert.deepEqual(await Promise.all((await links.all()).map((l) => l.getAttribute('href'))), [
        '#email',
        '#password',
      ])
      await summary.getByRole('link', { name: t('auth.signIn.errors.passwordMissing') }).click()
      assert.equal(await v.page.evaluate(() => document.activeElement?.id), 'password')
      await v.done()
    })

    it(`sign-in as the administrator leads home (${lang})`, async () => {
      const v = await rig.visitor(other)
      await v.visit('/')
      await v.switchLanguage(lang)
      await v.clickButton(t('home.start.staff.signIn')) // a start button: a link styled and announced as a button
      await v.signIn('admin', lang)
      assert.equal(v.path(), '/home')
      assert.equal(await v.lang(), lang)
      assert.equal(await v.heading(), t('home.signedIn.welcome', { name: 'Alys Administrator' }))
      assert.equal(await v.page.locator('.cyswllt-header__user').innerText(), 'Alys Administrator')
      const menu = v.page.getByRole('navigation', { name: t('common.menu') })
      assert.deepEqual(
        (await menu.getByRole('link').allInnerTexts()).map((s) => s.trim()),
        [t('common.nav.home'), t('directory.manage.nav'), t('common.nav.gaps'), t('coreDataSet.nav'), ...['organisations', 'users', 'audit'].map((k) => t(`common.nav.${k}`)), t('instruments.settings.nav'), t('common.nav.account')],
      )
      assert.equal(await menu.locator('[aria-current="page"]').innerText(), t('common.nav.home'))
      assert.equal(await v.page.getByRole('heading', { name: t('common.roles.admin'), exact: true }).count(), 1)
      await v.done()
    })

    it(`a practitioner visiting /admin/users gets the 403 page (${lang})`, async () => {
      const v = await rig.visitor(other)
      await v.signInAs('practitioner', lang)
      // The menu does not offer what the practitioner may not do…
      const menu = v.page.getByRole('navigation', { name: t('common.menu') })
      assert.equal(await menu.getByRole('link', { name: t('common.nav.users') }).count(), 0)
      // …and typing the address gets a refusal page, in the chosen language, with a way back.
      await v.visit('/admin/users', { status: 403 })
      assert.equal(await v.lang(), lang)
      assert.equal(await v.heading(), t('errors.forbidden.title'))
      assert.equal(await v.page.locator('main .govuk-body').first().innerText(), t('errors.forbidden.body'))
      await v.clickLink(t('errors.goHome'), {}, v.page.locator('main'))
      assert.equal(v.path(), '/home')
      await v.done()
    })

    it(`a page that does not exist gets the 404 page (${lang})`, async () => {
      const v = await rig.visitor(other)
      await v.visit('/no-such-page', { status: 404 })
      assert.equal(await v.heading(), text(other, 'errors.notFound.title'))
      await v.switchLanguage(lang)
      assert.equal(v.path(), `/no-such-page?lng=${lang}`)
      assert.equal(await v.heading(), t('errors.notFound.title'))
      assert.equal(await v.page.locator('main .govuk-body').first().innerText(), t('errors.notFound.body'))
      await v.clickLink(t('errors.goHome'), {}, v.page.locator('main'))
      assert.equal(v.path(), '/')
      assert.equal(await v.heading(), t('home.start.title'))
      await v.done()
    })

    it(`sign out (${lang})`, async () => {
      const v = await rig.visitor(other)
      await v.signInAs('admin', lang)
      await v.clickButton(t('common.signOut'))
      assert.equal(v.path(), '/sign-in?signedOut=1')
      assert.equal(await v.lang(), lang)
      assert.equal(
        (await v.page.locator('.govuk-notification-banner__content').innerText()).trim(),
        t('auth.signIn.signedOut'),
      )
      assert.equal(await v.page.getByRole('button', { name: t('common.signOut') }).count(), 0)
      // The session is over: the home page now asks to sign in, and comes back after.
      await v.visit('/home')
      assert.equal(v.path(), `/sign-in?required=1&returnTo=${encodeURIComponent('/home')}`)
      assert.equal(
        (await v.page.locator('.govuk-notification-banner__content').innerText()).trim(),
        t('auth.signIn.required'),
      )
      await v.signIn('admin', lang)
      assert.equal(v.path(), '/home')
      await v.done()
    })
  }
})

browserSuite('browser journeys: narrow screens', (rig) => {
  it('shows the public and signed-in pages without sideways scrolling at 320 CSS pixels (WCAG 1.4.10 reflow)', async () => {
    const v = await rig.visitor('cy')
    await v.page.setViewportSize({ width: 320, height: 640 })
    const fits = async () => {
      const width = await v.page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 320, `${v.path()} is ${width} CSS pixels wide at a 320-pixel viewport`)
    }
    await v.visit('/')
    await fits()
    await v.visit('/sign-in')
    await fits()
    await v.signIn('admin', 'cy')
    await fits()
    await v.visit('/account')
    await fits()
    await v.visit('/no-such-page', { status: 404 })
    await fits()
    await v.done()
  })
})
