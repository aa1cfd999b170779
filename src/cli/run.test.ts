import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { Agent } from '../../test/support/agent.js'
import { databaseKinds, type DatabaseKind } from '../../test/support/databases.js'
import { buildApp } from '../app.js'
import { csvColumns } from '../features/directory/csv/layout.js'
import { loadConfig } from '../platform/config.js'
import { openDatabase } from '../platform/db/database.js'
import { runCli } from './run.js'

class Capture {
  text = ''
  write(chunk: string) {
    this.text += chunk
  }
}

/** A database of the test's own: a PGlite folder in a temp directory, or a throwaway PostgreSQL database. */
async function target(kind: DatabaseKind): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cyswllt-cli-'))
  const base = { NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'test-secret-of-at-least-thirty-two-bytes' }
  if (kind === 'pglite') return { env: base, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) }
  const adminUrl = process.env.TEST_DATABASE_URL as string
  const name = `cyswllt_cli_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    env: { ...base, DATABASE_URL: url.toString() },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true })
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}

for (const kind of databaseKinds()) {
  describe(`cyswllt command line (${kind})`, () => {
    let db: Awaited<ReturnType<typeof target>>
    before(async () => {
      db = await target(kind)
    })
    after(() => db.dispose())

    const run = async (...argv: string[]) => {
      const stdout = new Capture()
      const stderr = new Capture()
      const code = await runCli(argv, { env: db.env, stdout, stderr })
      return { code, stdout: stdout.text, stderr: stderr.text }
    }
    /** The service itself on the CLI's database (opened only while the CLI is not using it: PGlite has one user). */
    const withApp = async (fn: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>) => {
      const config = loadConfig({ ...db.env, DEMO_DATA: 'false' })
      const database = await openDatabase(config)
      const app = await buildApp({ config, database })
      try {
        await fn(app)
      } finally {
        await app.close()
        await database.close()
      }
    }

    it('applies migrations and says so, then finds nothing more to do', async () => {
      const first = await run('migrate')
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, /Applied migration 0001_extensions/)
      const second = await run('migrate')
      assert.equal(second.code, 0)
      assert.match(second.stdout, /No migrations to apply/)
    })

    it('refreshes the report aggregates: nothing queued on a new database, every referral with --full', async () => {
      const queued = await run('refresh-reports')
      assert.equal(queued.code, 0, queued.stderr)
      assert.equal(queued.stdout, 'Refreshed the report aggregates of 0 referrals in 0 batches.\n')
      const full = await run('refresh-reports', '--full')
      assert.equal(full.code, 0, full.stderr)
      assert.match(full.stdout, /^Refreshed the report aggregates of 0 referrals/)
    })

    it('creates an administrator who can sign in with the printed password, and a token that calls the API', async () => {
      const admin = await run('create-admin', '--email', 'Ops@Example.org', '--name', 'Osian Ops')
      assert.equal(admin.code, 0, admin.stderr)
      assert.match(admin.stdout, /Created the organisation "Cyswllt administrators"/)
      const password = /Password \(shown only now\): (\S+)/.exec(admin.stdout)?.[1] as string
      assert.ok(password && password.length >= 20)

      const token = await run('create-token', '--email', 'ops@example.org', '--name', 'nightly export', '--days', '30')
      assert.equal(token.code, 0, token.stderr)
      assert.match(token.stdout, /^cys_[A-Za-z0-9_-]{43}\n$/, 'stdout holds the token and nothing else')

      await withApp(async (app) => {
        const agent = new Agent(app)
        await agent.signIn('ops@example.org', password)
        const account = await agent.get('/account')
        assert.match(account.body, /Osian Ops/)
        assert.match(account.body, /Administrator/)
        assert.match(account.body, /Cyswllt administrators/)

        const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token.stdout.trim()}` } })
        assert.equal(me.statusCode, 200)
        assert.equal(me.json().email, 'ops@example.org')
        assert.deepEqual(me.json().roles, ['admin'])
        assert.equal(me.json().organisation.type, 'commissioner')

        const audits = await app.deps.database.db
          .selectFrom('audit_events')
          .select(['action', 'actor_user_id', 'detail'])
          .execute()
        const created = audits.find((a) => a.action === 'user.create')
        assert.equal(created?.actor_user_id, null)
        assert.equal(created?.detail?.via, 'cli')
        assert.ok(audits.some((a) => a.action === 'api_token.create' && a.detail?.via === 'cli'))
        assert.ok(!JSON.stringify(audits).includes(password) && !JSON.stringify(audits).includes(token.stdout.trim()))

        // An existing user for the next test: a practitioner in an organisation of their own.
        const org = await app.deps.database.db
          .insertInto('organisations')
          .values({ name: 'Gwynedd Link', type: 'provider' })
          .returning('id')
          .executeTakeFirstOrThrow()
        const user = await app.deps.database.db
          .insertInto('users')
          .values({ email: 'gwen@example.org', name: 'Gwen', organisation_id: org.id })
          .returning('id')
          .executeTakeFirstOrThrow()
        await app.deps.database.db.insertInto('user_roles').values({ user_id: user.id, role: 'practitioner' }).execute()
      })
    })

    it('adds the admin role to an existing user and says so, once', async () => {
      const first = await run('create-admin', '--email', 'gwen@example.org', '--organisation', 'Somewhere else')
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, /already has an account: the admin role has been added/)
      assert.doesNotMatch(first.stdout, /Password/)
      const again = await run('create-admin', '--email', 'gwen@example.org')
      assert.equal(again.code, 0)
      assert.match(again.stdout, /already an administrator\. Nothing was changed/)
      await withApp(async (app) => {
        const roles = await app.deps.database.db
          .selectFrom('user_roles')
          .innerJoin('users', 'users.id', 'user_roles.user_id')
          .select('role')
          .where('users.email', '=', 'gwen@example.org')
          .orderBy('role')
          .execute()
        assert.deepEqual(
          roles.map((r) => r.role),
          ['admin', 'practitioner'],
        )
        const orgs = await app.deps.database.db
          .selectFrom('organisations')
          .select('name')
          .where('name', '=', 'Somewhere else')
          .execute()
        assert.equal(orgs.length, 0)
      })
    })

    it('puts a new administrator in a named organisation, creating it if needed', async () => {
      const result = await run('create-admin', '--email', 'dewi@example.org', '--organisation=Gwynedd Link')
      assert.equal(result.code, 0, result.stderr)
      assert.doesNotMatch(result.stdout, /Created the organisation/)
      assert.match(result.stdout, /in "Gwynedd Link"/)
    })

    it('refuses bad arguments, unknown users and duplicate token names with exit code 2 and a clear message', async () => {
      const cases: [string[], RegExp][] = [
        [
          ['create-token', '--email', 'nobody@example.org', '--name', 'x'],
          /No user has the e-mail address nobody@example.org/,
        ],
        [
          ['create-token', '--email', 'ops@example.org', '--name', 'Nightly Export'],
          /already has an active token named/,
        ],
        [['create-admin', '--email', 'nope'], /is not an e-mail address/],
        [['create-token', '--email', 'ops@example.org'], /create-token needs --name/],
        [['launch'], /Unknown command "launch"/],
      ]
      for (const [argv, expected] of cases) {
        const result = await run(...argv)
        assert.equal(result.code, 2, argv.join(' '))
        assert.match(result.stderr, expected)
        assert.equal(result.stdout, '')
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace')
      }
    })

    it('explains a configuration that is not valid (exit 78) and prints help (exit 0)', async () => {
      const stderr = new Capture()
      const code = await runCli(['migrate'], {
        env: { ...db.env, DATABASE_URL: 'mysql://nope' },
        stdout: new Capture(),
        stderr,
      })
      assert.equal(code, 78)
      assert.match(stderr.text, /DATABASE_URL must be a PostgreSQL connection string/)
      const help = await run('help')
      assert.equal(help.code, 0)
      assert.match(help.stdout, /create-admin --email <e>/)
    })

    it('imports postcodes and WIMD ranks from files, reporting counts', async () => {
      const postcodes = await run('import-postcodes', 'src/features/postcodes/fixtures/demo-postcodes.csv')
      assert.equal(postcodes.code, 0, postcodes.stderr)
      assert.match(postcodes.stdout, /import-postcodes: 91 rows read, 91 imported, 0 skipped/)
      const wimd = await run('import-wimd', 'src/features/postcodes/fixtures/demo-wimd.csv', '--edition', '2019')
      assert.match(wimd.stdout, /import-wimd: 91 rows read, 91 imported/)
      const missing = await run('import-postcodes', 'no/such/file.csv')
      assert.equal(missing.code, 2)
      assert.match(missing.stderr, /There is no file at no\/such\/file.csv/)
      const noFile = await run('import-wimd')
      assert.equal(noFile.code, 2)
      assert.match(noFile.stderr, /needs the file to load/)
    })

    it('imports an ORUK file: a dry run writes nothing, the import is audited, a second import changes nothing, a bad file is refused', async () => {
      const file = 'src/features/directory/oruk/samples/service_list.json'
      const dry = await run('import-oruk', file, '--dry-run')
      assert.equal(dry.code, 0, dry.stderr)
      assert.match(dry.stdout, /DRY RUN: nothing was written/)
      assert.match(dry.stdout, /services: 1 created, 0 updated, 0 unchanged, 0 skipped/)
      const first = await run('import-oruk', file)
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, /import-oruk: .*service_list\.json: a page of services \(ORUK 3\.0\)/)
      assert.match(first.stdout, /services: 1 created/)
      assert.match(
        first.stdout,
        /parent_organisation_id cd09a387-91f4-4555-94ec-e799c35344cd is neither in the file nor in the directory/,
      )
      const second = await run('import-oruk', file)
      assert.match(second.stdout, /services: 0 created, 0 updated, 1 unchanged, 0 skipped/)
      assert.match(second.stdout, /directory_organisations: 0 created, 0 updated, 1 unchanged, 0 skipped/)
      const bad = await run('import-oruk', 'src/features/directory/oruk/samples/service_full.json')
      assert.equal(bad.code, 2)
      assert.equal(bad.stdout, '')
      assert.match(bad.stderr, /nothing was written/)
      assert.match(bad.stderr, /\$\.service_at_locations\[0\]\.location\.latitude: must be between -90 and 90/)
      await withApp(async (app) => {
        const audits = await app.deps.database.db
          .selectFrom('audit_events')
          .select(['action', 'detail'])
          .where('action', '=', 'directory_import.oruk')
          .execute()
        assert.equal(audits.length, 2, 'the two imports, not the dry run nor the refused file')
        assert.equal(audits[0]?.detail?.via, 'cli')
        assert.equal(audits[0]?.detail?.file, 'service_list.json')
        const services = await app.deps.database.db
          .selectFrom('services')
          .select('name')
          .where('id', '=', 'ac148810-d857-441c-9679-408f346de14b')
          .execute()
        assert.deepEqual(services, [{ name: 'Community Counselling' }])
      })
    })

    it('imports a directory CSV: a dry run writes nothing, a second import changes nothing, a bad file is refused with row and column', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cyswllt-csv-'))
      const header = csvColumns.join(',')
      const row = (email: string) =>
        csvColumns
          .map(
            (c) =>
              ({
                name: 'Côr Meibion Bro Ddyfi',
                organisation: 'Bro Ddyfi Choirs',
                status: 'active',
                published: 'yes',
                email,
                categories: 'creative',
                schedule: 'TH 19:00-21:00',
              })[c as string] ?? '',
          )
          .join(',')
      const file = path.join(dir, 'directory.csv')
      writeFileSync(file, `\ufeff${header}\r\n${row('cor@example.org')}\r\n`)
      const bad = path.join(dir, 'bad.csv')
      writeFileSync(bad, `${header}\n${row('not an address')}\n`)
      try {
        const dry = await run('import-csv', file, '--dry-run')
        assert.equal(dry.code, 0, dry.stderr)
        assert.match(dry.stdout, /DRY RUN: nothing was written/)
        assert.match(dry.stdout, /services: 1 created, 0 updated, 0 unchanged/)
        const first = await run('import-csv', file)
        assert.match(first.stdout, /services: 1 created, 0 updated, 0 unchanged/)
        assert.match(first.stdout, /row 2: Côr Meibion Bro Ddyfi: created/)
        const second = await run('import-csv', file)
        assert.match(second.stdout, /services: 0 created, 0 updated, 1 unchanged/)
        const refused = await run('import-csv', bad)
        assert.equal(refused.code, 2)
        assert.equal(refused.stdout, '')
        assert.match(refused.stderr, /nothing was written/)
        assert.match(refused.stderr, /Row 2, column email: enter an e-mail address/)
        await withApp(async (app) => {
          const audits = await app.deps.database.db
            .selectFrom('audit_events')
            .select(['detail'])
            .where('action', '=', 'directory_import.csv')
            .execute()
          assert.deepEqual(
            audits.map((a) => [a.detail?.via, a.detail?.created, a.detail?.unchanged]),
            [
              ['cli', 1, 0],
              ['cli', 0, 1],
            ],
          )
        })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}
