import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { plusDays, walesToday } from '../../src/features/follow-ups/rules.js'
import { userId } from '../../src/features/triage/test-referrals.js'
import { browserSuite, otherLanguage, suiteLanguages, text } from './support.js'

/**
 * The caseload and follow-ups in a real browser, once in each language (issue 5 §2, §7): the practitioner finds the
 * person with an overdue follow-up at the top of their caseload, adds a task on the person page (after meeting the
 * error summary for a date in the past) and marks the overdue follow-up done; the team lead opens a practitioner's
 * list on the team view and reallocates someone to themselves. axe checks every page on the way.
 */
browserSuite('browser journeys: caseload and follow-ups', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    const overdueTask = lang === 'cy' ? 'Anfon amserlen y bws' : 'Send the bus timetable'
    const newTask = lang === 'cy' ? 'Ffonio’r ganolfan hamdden' : 'Ring the leisure centre'

    it(`practitioner sees overdue first, adds a task and marks one done; the team lead reallocates (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const app = rig.app.app
      const db = app.deps.database.db
      const today = walesToday()
      const late = await connectionFixture(app)
      const calm = await connectionFixture(app)
      const lateEpisode = await db
        .selectFrom('episodes')
        .select(['id', 'organisation_id', 'practitioner_id'])
        .where('person_id', '=', late.personId)
        .executeTakeFirstOrThrow()
      await db
        .insertInto('follow_ups')
        .values({
          person_id: late.personId,
          episode_id: lateEpisode.id,
          organisation_id: lateEpisode.organisation_id,
          kind: 'task',
          description: overdueTask,
          due_on: plusDays(today, -2),
          assigned_to: lateEpisode.practitioner_id,
        })
        .execute()
      const lateName = `${late.givenName} ap Llŷr`
      const calmName = `${calm.givenName} ap Llŷr`

      const practitioner = await rig.visitor(lang)
      await practitioner.signInAs('practitioner', lang)
      await practitioner.clickLink(t('common.nav.caseload'))
      assert.equal(await practitioner.heading(), t('caseload.own.title'))
      const rows = practitioner.page.locator('table.app-caseload tbody tr')
      const flags = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('.govuk-tag--red') !== null))
      const names = await rows.locator('th').allInnerTexts()
      assert.ok(flags[0], 'the first person has something overdue')
      assert.ok(
        flags.indexOf(false) === -1 || flags.slice(flags.indexOf(false)).every((f) => !f),
        'everyone overdue comes first',
      )
      const lateRow = names.findIndex((n) => n.trim() === lateName)
      assert.ok(lateRow >= 0 && flags[lateRow], 'the person with the overdue task is among the first')
      assert.ok(names.some((n) => n.trim() === calmName))
      assert.ok((await rows.nth(lateRow).innerText()).includes(overdueTask))
      await practitioner.switchLanguage(otherLanguage(lang))
      await practitioner.switchLanguage(lang)

      await practitioner.clickLink(lateName)
      await practitioner.clickButton(t('followUps.section.add'))
      assert.equal(await practitioner.heading(), t('followUps.task.title'))
      const [y, m, d] = plusDays(today, -1).split('-') as [string, string, string]
      await practitioner.fill({
        [t('followUps.task.description')]: newTask,
        [t('common.date.day')]: String(Number(d)),
        [t('common.date.month')]: String(Number(m)),
        [t('common.date.year')]: y,
      })
      await practitioner.clickButton(t('followUps.task.submit'), { status: 400 })
      const summary = practitioner.page.locator('.govuk-error-summary')
      assert.ok((await summary.innerText()).includes(t('followUps.errors.duePast')))
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#dueOn-day')
      const [ny, nm, nd] = plusDays(today, 7).split('-') as [string, string, string]
      await practitioner.fill({
        [t('common.date.day')]: String(Number(nd)),
        [t('common.date.month')]: String(Number(nm)),
        [t('common.date.year')]: ny,
      })
      await practitioner.clickButton(t('followUps.task.submit'))
      assert.equal(new URL(practitioner.page.url()).pathname, `/people/${late.personId}`)
      const section = practitioner.page.locator('#follow-ups ~ .cyswllt-table-scroll table').first()
      assert.ok((await section.innerText()).includes(newTask))

      await practitioner.clickLink(new RegExp(`${t('followUps.section.record')} – ${overdueTask}`))
      assert.equal(await practitioner.heading(), t('followUps.outcome.title'))
      await practitioner.page.getByLabel(t('followUps.outcome.done'), { exact: true }).check()
      await practitioner.fill({ [t('followUps.outcome.note')]: lang === 'cy' ? 'Wedi’i phostio' : 'Posted it' })
      await practitioner.clickButton(t('followUps.outcome.submit'))
      assert.ok(
        (await practitioner.page.getByRole('status').first().innerText()).includes(
          t('followUps.section.notices.recorded'),
        ),
      )
      assert.ok(
        (await practitioner.page.locator('main').innerText()).includes(
          t('followUps.timeline.done', { what: overdueTask }),
        ),
      )
      await practitioner.done()

      const lead = await rig.visitor(lang)
      await lead.signInAs('teamlead', lang)
      await lead.visit('/caseload/team')
      assert.equal(await lead.heading(), t('caseload.team.title'))
      const rhian = lead.page.locator(`#practitioner-${late.practitioner}`)
      await rhian.locator('summary').click()
      await lead.clickLink(new RegExp(`${t('caseload.team.reallocateLink')} – ${calmName}`), {}, rhian)
      assert.equal(await lead.heading(), t('caseload.reallocate.title'))
      await lead.clickButton(t('caseload.reallocate.submit'), { status: 400 })
      assert.ok(
        (await lead.page.locator('.govuk-error-summary').innerText()).includes(
          t('caseload.errors.practitionerMissing'),
        ),
      )
      await lead.page.getByLabel('Siân Team Lead', { exact: true }).check()
      await lead.clickButton(t('caseload.reallocate.submit'))
      assert.equal(lead.path(), '/caseload/team?reallocated=1')
      assert.ok((await lead.page.getByRole('status').first().innerText()).includes(t('caseload.team.reallocated')))
      const leadId = await userId(app, 'teamlead')
      const mine = lead.page.locator(`#practitioner-${leadId}`)
      await mine.locator('summary').click()
      assert.ok((await mine.innerText()).includes(calmName))
      await lead.done()
    })
  }
})
