import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { loadDemoServices } from '../../src/features/directory/demo/load.js'
import { demoPeriods, loadServiceReturnDemo } from '../../src/features/service-returns/demo.js'
import { todayInWales } from '../../src/features/what-matters/dates.js'
import { formatDate } from '../../src/platform/i18n/i18n.js'
import { browserSuite, suiteLanguages, text, type Visitor } from './support.js'

/**
 * Period returns in a real browser (issue 7 §4): the demo team lead enters a service return (meeting the error
 * summary and the field errors first), corrects it and sees the earlier version kept; enters an activity's figures;
 * and the asset organisation's user enters and corrects the figures of a service the shed manages. Both languages,
 * always: these pages had no browser test before, so axe had never read them in either. axe checks every page.
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

/** A line of the history as the catalogue words it (`@` standing for the time saved, which the test cannot know). */
const assertVersion = (line: string | undefined, expected: string) => {
  const [head, tail] = expected.split('@') as [string, string]
  assert.ok(line?.startsWith(head) && line.endsWith(tail), `history line ${line} is not ${expected}`)
}

/** The financial year `back` years before the demo's (which has a return already): free for a new one. */
const earlierYear = (back: number) => {
  const start = Number(demoPeriods(todayInWales(new Date())).year.from.slice(0, 4)) - back
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` }
}

browserSuite('browser journeys: service and activity returns', (rig) => {
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    const db = rig.app.app.deps.database.db
    await loadDemoServices(db)
    assert.ok((await loadServiceReturnDemo(db)) >= 4, 'the demo returns did not load')
  })

  for (const [i, lang] of suiteLanguages('cy').entries()) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    // Each language's journey enters its own year, so the two never clash with each other or the demo's.
    const year = earlierYear(i + 1)
    const activityYear = earlierYear(i + 3)
    const errorSummary = (v: Visitor) => v.page.locator('.govuk-error-summary').innerText()
    /** A period as the pages show it: '1 April 2024 – 31 March 2025', in the page's language. */
    const shown = (p: { from: string; to: string }) => `${formatDate(p.from, lang)} – ${formatDate(p.to, lang)}`
    const savedBanner = async (v: Visitor) => assert.equal((await v.page.locator('.govuk-notification-banner__content').innerText()).trim(), t('serviceReturns.saved'))
    const fieldError = async (v: Visitor, field: string) => (await v.page.locator(`#${field}-error`).innerText()).replace(`${t('common.error')}:`, '').trim()

    it(`the team lead enters a period return, meets the errors, corrects it and sees its history (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const db = rig.app.app.deps.database.db
      const v = await rig.visitor(lang)
      await v.signInAs('teamlead', lang)
      await v.visit('/service-returns')
      assert.equal(await v.lang(), lang)
      assert.equal(await v.heading(), t('serviceReturns.list.title'))
      const demo = demoPeriods(todayInWales(new Date()))
      const table = v.page.locator('table')
      assert.ok((await table.innerText()).includes(shown(demo.year)))
      assert.equal(await v.page.locator('.govuk-notification-banner').count(), 0)
      assert.ok((await table.innerText()).includes('£184,500.00'))

      await v.clickLink(t('serviceReturns.list.new'))
      assert.equal(await v.heading(), t('serviceReturns.service.newTitle'))
      // The end before the start, more satisfied than answered, a headcount that is not a number: every reason at once.
      await fillDate(v, 'periodFrom', year.to)
      await fillDate(v, 'periodTo', year.from)
      await v.fill({
        [t('serviceReturns.fields.staffHeadcount')]: 'seven',
        [t('serviceReturns.fields.satisfactionRespondents')]: '3',
        [t('serviceReturns.fields.satisfactionSatisfied')]: '5',
      })
      await v.clickButton(t('serviceReturns.form.submit'), { status: 400 })
      assert.equal(await v.lang(), lang)
      const summary = await errorSummary(v)
      assert.ok(summary.includes(t('common.errorSummaryTitle')), summary)
      for (const key of ['periodOrder', 'count', 'satisfiedMoreThanRespondents']) assert.ok(summary.includes(t(`serviceReturns.errors.${key}`)), `${key} missing from:\n${summary}`)
      assert.equal(await fieldError(v, 'periodTo'), t('serviceReturns.errors.periodOrder'))
      assert.equal(await fieldError(v, 'staffHeadcount'), t('serviceReturns.errors.count'))
      assert.equal(await fieldError(v, 'satisfactionSatisfied'), t('serviceReturns.errors.satisfiedMoreThanRespondents'))
      // The summary's links lead to the fields in error.
      assert.equal(await v.page.locator('.govuk-error-summary a').first().getAttribute('href'), '#periodTo-day')
      // What was typed is kept.
      assert.equal(await v.page.locator('#staffHeadcount').inputValue(), 'seven')
      assert.equal(await db.selectFrom('service_returns').select('id').where('period_from', '=', year.from).executeTakeFirst(), undefined)

      await fillDate(v, 'periodFrom', year.from)
      await fillDate(v, 'periodTo', year.to)
      await v.fill({
        [t('serviceReturns.fields.runningCosts')]: '12,345.60',
        [t('serviceReturns.fields.staffHeadcount')]: '6',
        [t('serviceReturns.fields.satisfactionSatisfied')]: '2',
      })
      await v.page.getByRole('group', { name: t('serviceReturns.fields.fundingContinues') }).getByLabel(t('serviceReturns.funding.no'), { exact: true }).check()
      await v.clickButton(t('serviceReturns.form.submit'))
      assert.equal(v.path(), '/service-returns?saved=1')
      await savedBanner(v)
      const period = shown(year)
      const row = v.page.locator('tbody tr').filter({ hasText: period })
      assert.deepEqual(
        (await row.locator('td, th').allInnerTexts()).map((s) => s.trim()),
        [period, '£12,345.60', t('serviceReturns.funding.no'), '6', '1'],
      )

      await v.clickLink(period)
      assert.equal(await v.heading(), t('serviceReturns.service.editTitle'))
      assert.equal(await v.page.locator('#history').count(), 0, 'a return never corrected has no earlier versions')
      assert.equal(await v.page.locator('#runningCosts').inputValue(), '12345.60')
      await v.fill({ [t('serviceReturns.fields.runningCosts')]: '13000' })
      await v.clickButton(t('serviceReturns.form.submit'))
      await savedBanner(v)
      assert.deepEqual(
        (await v.page.locator('tbody tr').filter({ hasText: period }).locator('td, th').allInnerTexts()).map((s) => s.trim()),
        [period, '£13,000.00', t('serviceReturns.funding.no'), '6', '2'],
      )
      await v.clickLink(period)
      assert.equal(await v.page.locator('#runningCosts').inputValue(), '13000.00')
      const history = (await v.page.locator('#history li').allInnerTexts()).map((s) => s.trim())
      assert.equal(history.length, 1)
      assertVersion(history[0], t('serviceReturns.form.version', { version: 1, at: '@', by: 'Siân Team Lead' }))
      const stored = await db.selectFrom('service_returns').select(['running_costs_pence', 'version']).where('period_from', '=', year.from).executeTakeFirstOrThrow()
      assert.deepEqual([Number(stored.running_costs_pence), stored.version], [1_300_000, 2])
      await v.done()
    })

    it(`the team lead enters an activity's figures (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('teamlead', lang)
      await v.visit('/service-returns')
      await v.clickLink(t('serviceReturns.activity.listTitle'))
      assert.equal(await v.heading(), t('serviceReturns.activity.listTitle'))
      const before = await v.page.locator('#activity-returns li').count()
      assert.ok(before >= 1, 'the demo gives Cardiff one activity return')

      await v.clickLink(t('serviceReturns.activity.new'))
      assert.equal(await v.heading(), t('serviceReturns.activity.newTitle'))
      await v.fill({ [t('serviceReturns.fields.staffSatisfactionRespondents')]: '2', [t('serviceReturns.fields.staffSatisfactionSatisfied')]: '4' })
      await v.clickButton(t('serviceReturns.form.submit'), { status: 400 })
      const summary = await errorSummary(v)
      // In the page's order: the service is the first field.
      assert.deepEqual(
        (await v.page.locator('.govuk-error-summary__list a').allInnerTexts()).map((s) => s.trim()),
        ['service', 'periodFromMissing', 'periodToMissing', 'satisfiedMoreThanRespondents'].map((key) => t(`serviceReturns.errors.${key}`)),
        summary,
      )
      assert.equal(await fieldError(v, 'serviceId'), t('serviceReturns.errors.service'))
      assert.equal(await fieldError(v, 'periodFrom'), t('serviceReturns.errors.periodFromMissing'))

      const service = v.page.getByLabel(t('serviceReturns.fields.serviceId'), { exact: true })
      const chosen = (await service.locator('option').nth(1).innerText()).trim()
      await service.selectOption({ index: 1 })
      await fillDate(v, 'periodFrom', activityYear.from)
      await fillDate(v, 'periodTo', activityYear.to)
      await v.fill({ [t('serviceReturns.fields.runningCosts')]: '800', [t('serviceReturns.fields.staffSatisfactionSatisfied')]: '1' })
      await v.clickButton(t('serviceReturns.form.submit'))
      assert.equal(v.path(), '/service-returns/activities?saved=1')
      await savedBanner(v)
      assert.equal(await v.page.locator('#activity-returns li').count(), before + 1)
      const added = v.page.locator('#activity-returns li').filter({ hasText: `${chosen}: ${shown(activityYear)}` })
      assert.equal((await added.innerText()).trim(), `${chosen}: ${shown(activityYear)}, £800.00`)
      await v.done()
    })

    it(`the asset organisation enters and corrects the figures of a service the shed manages (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const db = rig.app.app.deps.database.db
      const shed = (await db.selectFrom('organisations').select('id').where('name', '=', 'Aberystwyth Community Shed').executeTakeFirstOrThrow()).id
      const managed = await db
        .selectFrom('services as s')
        .innerJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
        .select(['s.id', 's.name', 's.name_cy'])
        .where('o.managed_by_organisation_id', '=', shed)
        .orderBy('s.name')
        .execute()
      assert.ok(managed.length >= 2, 'the shed manages demo services')
      const nameOf = (s: { name: string; name_cy: string | null }) => (lang === 'cy' && s.name_cy ? s.name_cy : s.name)

      const v = await rig.visitor(lang)
      await v.signInAs('asset', lang)
      await v.visit('/asset')
      await v.clickLink(t('serviceReturns.activity.listTitle'))
      assert.equal(await v.heading(), t('serviceReturns.activity.listTitle'))
      const mine = await db.selectFrom('activity_returns').select('id').where('organisation_id', '=', shed).execute()
      assert.equal(await v.page.locator('#activity-returns li').count(), mine.length)

      await v.clickLink(t('serviceReturns.activity.new'))
      // Only the services the shed manages are offered.
      const options = (await v.page.locator('#serviceId option').allInnerTexts()).map((s) => s.trim())
      assert.deepEqual(options, [t('serviceReturns.form.chooseService'), ...managed.map(nameOf)])
      const target = managed[managed.length - 1] as (typeof managed)[number]
      await v.page.locator('#serviceId').selectOption(target.id)
      await fillDate(v, 'periodFrom', activityYear.to)
      await fillDate(v, 'periodTo', activityYear.from)
      await v.fill({ [t('serviceReturns.fields.runningCosts')]: '12.345' })
      await v.clickButton(t('serviceReturns.form.submit'), { status: 400 })
      const summary = await errorSummary(v)
      for (const key of ['periodOrder', 'money']) assert.ok(summary.includes(t(`serviceReturns.errors.${key}`)), `${key} missing from:\n${summary}`)
      assert.equal(await fieldError(v, 'runningCosts'), t('serviceReturns.errors.money'))
      assert.equal(await v.page.locator('#serviceId').inputValue(), target.id, 'the chosen service is kept')

      await fillDate(v, 'periodFrom', activityYear.from)
      await fillDate(v, 'periodTo', activityYear.to)
      await v.fill({ [t('serviceReturns.fields.runningCosts')]: '450', [t('serviceReturns.fields.usersAccessingTraining')]: '7' })
      await v.clickButton(t('serviceReturns.form.submit'))
      await savedBanner(v)
      const entry = `${nameOf(target)}: ${shown(activityYear)}`
      const added = v.page.locator('#activity-returns li').filter({ hasText: entry })
      assert.equal((await added.innerText()).trim(), `${entry}, £450.00`)

      await v.clickLink(entry)
      assert.equal(await v.heading(), t('serviceReturns.activity.editTitle'))
      // The form no longer offers the choice of service, so the page names it.
      assert.equal((await v.page.locator('.govuk-caption-l').innerText()).trim(), nameOf(target))
      await v.fill({ [t('serviceReturns.fields.usersAccessingTraining')]: '9' })
      await v.clickButton(t('serviceReturns.form.submit'))
      await v.clickLink(entry)
      assert.equal(await v.page.locator('#usersAccessingTraining').inputValue(), '9')
      assert.equal(await v.page.locator('#history li').count(), 1)
      assertVersion((await v.page.locator('#history li').innerText()).trim(), t('serviceReturns.form.version', { version: 1, at: '@', by: 'Dafydd Asset' }))
      await v.done()
    })

    it(`a practitioner reads the returns without links to pages they may not use (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.visit('/service-returns')
      assert.equal(await v.heading(), t('serviceReturns.list.title'))
      assert.equal(await v.page.locator('main a[href^="/service-returns"]').count(), 0, 'practitioners may neither enter returns nor see activities’ figures')
      await v.visit('/service-returns/activities', { status: 403 })
      await v.done()
    })
  }
})
