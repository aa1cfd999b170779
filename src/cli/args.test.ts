import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCliArgs, type ParseResult } from './args.js'

const value = (result: ParseResult) => {
  assert.ok(result.ok, result.ok ? '' : result.message)
  return result.value
}
const message = (result: ParseResult) => {
  assert.ok(!result.ok, 'expected a refusal')
  return result.message
}

describe('parseCliArgs', () => {
  it('shows help with no command, help, --help or -h', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['create-admin', '--help']])
      assert.deepEqual(value(parseCliArgs(argv)), { command: 'help' })
  })

  it('reads migrate, which takes no options', () => {
    assert.deepEqual(value(parseCliArgs(['migrate'])), { command: 'migrate' })
    assert.match(
      message(parseCliArgs(['migrate', '--force', 'yes'])),
      /Unknown option --force for migrate\. It takes no options/,
    )
  })

  it('reads create-admin with its options, in either --option value or --option=value form', () => {
    assert.deepEqual(value(parseCliArgs(['create-admin', '--email', ' Ops@Example.ORG '])), {
      command: 'create-admin',
      email: 'ops@example.org',
      name: null,
      organisation: null,
    })
    assert.deepEqual(
      value(parseCliArgs(['create-admin', '--email=a@b.cy', '--name', 'Alys Jones', '--organisation=Tîm Cymru'])),
      {
        command: 'create-admin',
        email: 'a@b.cy',
        name: 'Alys Jones',
        organisation: 'Tîm Cymru',
      },
    )
  })

  it('reads create-token, with 90 days unless told', () => {
    assert.deepEqual(value(parseCliArgs(['create-token', '--email', 'a@b.cy', '--name', 'nightly'])), {
      command: 'create-token',
      email: 'a@b.cy',
      name: 'nightly',
      days: 90,
    })
    assert.equal(
      (value(parseCliArgs(['create-token', '--email', 'a@b.cy', '--name', 'n', '--days', '366'])) as { days: number })
        .days,
      366,
    )
  })

  it('explains each mistake', () => {
    const cases: [string[], RegExp][] = [
      [['frob'], /Unknown command "frob"/],
      [['create-admin'], /create-admin needs --email/],
      [['create-admin', '--email'], /--email needs a value/],
      [['create-admin', '--email', '--name', 'x'], /--email needs a value/],
      [['create-admin', '--email', 'not-an-address'], /--email "not-an-address" is not an e-mail address/],
      [['create-admin', '--email', 'a@b.cy', '--email', 'c@d.cy'], /--email is given more than once/],
      [['create-admin', '--email', 'a@b.cy', '--name='], /--name must be 1 to 200 characters/],
      [['create-admin', '--email', 'a@b.cy', 'extra'], /Unexpected argument "extra"/],
      [
        ['create-admin', '--email', 'a@b.cy', '--days', '3'],
        /Unknown option --days for create-admin\. Options: --email, --name, --organisation/,
      ],
      [['create-token', '--email', 'a@b.cy'], /create-token needs --name/],
      [['create-token', '--email', 'a@b.cy', '--name', 'x'.repeat(101)], /100 characters or fewer/],
      [
        ['create-token', '--email', 'a@b.cy', '--name', 'n', '--days', '0'],
        /--days must be a whole number from 1 to 366/,
      ],
      [['create-token', '--email', 'a@b.cy', '--name', 'n', '--days', '400'], /from 1 to 366/],
      [['create-token', '--email', 'a@b.cy', '--name', 'n', '--days', '9.5'], /from 1 to 366/],
    ]
    for (const [argv, expected] of cases) assert.match(message(parseCliArgs(argv)), expected, argv.join(' '))
  })
})

describe('import command arguments', () => {
  it('take the file after the command', () => {
    assert.deepEqual(parseCliArgs(['import-postcodes', 'ONSPD.csv']), { ok: true, value: { command: 'import-postcodes', file: 'ONSPD.csv' } })
    assert.deepEqual(parseCliArgs(['import-wimd', 'w.csv', '--edition', '2019']), { ok: true, value: { command: 'import-wimd', file: 'w.csv', edition: '2019' } })
    assert.equal(parseCliArgs(['import-wimd', 'w.csv', '--edition', 'last']).ok, false)
    assert.equal(parseCliArgs(['import-postcodes', 'a.csv', 'b.csv']).ok, false)
  })
})

describe('import-csv arguments', () => {
  it('take the file and an optional --dry-run switch', () => {
    assert.deepEqual(parseCliArgs(['import-csv', 'directory.csv', '--dry-run']), { ok: true, value: { command: 'import-csv', file: 'directory.csv', dryRun: true } })
    assert.deepEqual(parseCliArgs(['import-csv', 'directory.csv']), { ok: true, value: { command: 'import-csv', file: 'directory.csv', dryRun: false } })
    assert.deepEqual(parseCliArgs(['import-csv']), { ok: false, message: 'import-csv needs the file to load, as: import-csv FILE.' })
  })
})

describe('import-oruk arguments', () => {
  it('take the file and an optional --dry-run switch, in either order', () => {
    assert.deepEqual(parseCliArgs(['import-oruk', 'feed.json']), { ok: true, value: { command: 'import-oruk', file: 'feed.json', dryRun: false } })
    assert.deepEqual(parseCliArgs(['import-oruk', 'feed.json', '--dry-run']), { ok: true, value: { command: 'import-oruk', file: 'feed.json', dryRun: true } })
    assert.deepEqual(parseCliArgs(['import-oruk', '--dry-run', 'feed.json']), { ok: true, value: { command: 'import-oruk', file: 'feed.json', dryRun: true } })
  })

  it('refuses a value for the switch, a second --dry-run, unknown options and a missing file', () => {
    const cases: [string[], RegExp][] = [
      [['import-oruk', 'f.json', '--dry-run=yes'], /--dry-run takes no value/],
      [['import-oruk', 'f.json', '--dry-run', '--dry-run'], /--dry-run is given more than once/],
      [['import-oruk', 'f.json', '--force'], /Unknown option --force for import-oruk\. Options: --dry-run\./],
      [['import-oruk', '--dry-run'], /import-oruk needs the file to load/],
      [['import-postcodes', 'a.csv', '--dry-run'], /Unknown option --dry-run for import-postcodes/],
    ]
    for (const [argv, expected] of cases) {
      const result = parseCliArgs(argv)
      assert.equal(result.ok, false, argv.join(' '))
      if (!result.ok) assert.match(result.message, expected, argv.join(' '))
    }
  })
})

describe('refresh-reports arguments', () => {
  it('take an optional --full switch and nothing else', () => {
    assert.deepEqual(parseCliArgs(['refresh-reports']), { ok: true, value: { command: 'refresh-reports', full: false } })
    assert.deepEqual(parseCliArgs(['refresh-reports', '--full']), { ok: true, value: { command: 'refresh-reports', full: true } })
    assert.equal(parseCliArgs(['refresh-reports', '--full=yes']).ok, false)
  })
})

describe('synth arguments', () => {
  it('defaults to the small size, seed 1 and a fixed last day', () => {
    assert.deepEqual(value(parseCliArgs(['synth'])), {
      command: 'synth',
      episodes: 10_000,
      services: 2_500,
      seed: 1,
      until: '2026-11-30',
      password: null,
    })
  })
  it('reads the national size, written with or without separators', () => {
    const full = value(parseCliArgs(['synth', '--episodes', '1_000_000', '--services=25000', '--seed', '7']))
    assert.deepEqual(full, { command: 'synth', episodes: 1_000_000, services: 25_000, seed: 7, until: '2026-11-30', password: null })
  })
  it('refuses sizes, seeds, dates and passwords it cannot use, saying why', () => {
    assert.match(message(parseCliArgs(['synth', '--episodes', '0'])), /--episodes must be a whole number from 10/)
    assert.match(message(parseCliArgs(['synth', '--services', 'many'])), /--services must be a whole number/)
    assert.match(message(parseCliArgs(['synth', '--seed', '-1'])), /--seed must be a whole number/)
    assert.match(message(parseCliArgs(['synth', '--until', '2026-02-30'])), /--until must be a date/)
    assert.match(message(parseCliArgs(['synth', '--password', 'short'])), /at least 12 characters/)
    assert.match(message(parseCliArgs(['synth', '--rows', '5'])), /Unknown option --rows/)
  })
})
