import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { locate } from '../referrals/repository.js'
import { parseCsvLine } from './csv.js'
import { loadDemoPostcodes } from './demo.js'
import { importPostcodes, importWimd, wimdBands } from './import.js'

describe('CSV and WIMD rules', () => {
  it('splits quoted fields', () => {
    assert.deepEqual(parseCsvLine('"CF10 1AA","51.48",-3.17,"say ""hi"""'), ['CF10 1AA', '51.48', '-3.17', 'say "hi"'])
  })
  it('cuts deciles and quintiles from WIMD ranks (1 = most deprived)', () => {
    assert.deepEqual(wimdBands(1), { decile: 1, quintile: 1 })
    assert.deepEqual(wimdBands(190), { decile: 1, quintile: 1 })
    assert.deepEqual(wimdBands(191), { decile: 2, quintile: 1 })
    assert.deepEqual(wimdBands(1909), { decile: 10, quintile: 5 })
  })
})

for (const kind of databaseKinds()) {
  describe(`postcode and WIMD import (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
    })
    after(() => t.dispose())

    it('loads the demo fixtures once and places a postcode in its authority, LSOA and WIMD decile', async () => {
      assert.equal(await loadDemoPostcodes(t.database.db), true)
      assert.equal(await loadDemoPostcodes(t.database.db), false)
      const place = await locate(t.database.db, 'CF10 1AA', null)
      assert.deepEqual({ la: place.localAuthorityCode, lsoa: place.lsoaCode, decile: place.wimdDecile, source: place.source }, { la: 'W06000015', lsoa: 'W01001999', decile: 1, source: 'postcode' })
    })

    it('skips bad rows, reports counts, and updates on a second run', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cyswllt-pc-'))
      const file = path.join(dir, 'onspd.csv')
      writeFileSync(file, 'pcd,lat,long,oslaua,lsoa11\nSA1 1AA,51.62,-3.94,W06000011,W01000500\nnot a postcode,51,-3,W06000011,\nTD1 1AA,99.999999,0,S12000026,\nCH1 1AA,53.19,-2.89,E06000050,E01018357\nSA1 1AA,51.63,-3.95,W06000011,W01000500\n')
      const report = await importPostcodes(t.database.db, file)
      assert.deepEqual({ read: report.read, imported: report.imported, skipped: report.skipped }, { read: 5, imported: 2, skipped: 2 })
      const chester = await t.database.db.selectFrom('postcodes').selectAll().where('postcode', '=', 'CH1 1AA').executeTakeFirstOrThrow()
      assert.equal(chester.local_authority_code, null, 'English authorities are not Welsh local authorities')
      const swansea = await t.database.db.selectFrom('postcodes').select('latitude').where('postcode', '=', 'SA1 1AA').executeTakeFirstOrThrow()
      assert.equal(swansea.latitude, 51.63)
      const wimd = path.join(dir, 'wimd.csv')
      writeFileSync(wimd, 'lsoa_code,rank\nW01000500,1500\nE01000001,3\nW01000501,0\n')
      const wimdReport = await importWimd(t.database.db, wimd)
      assert.deepEqual({ imported: wimdReport.imported, skipped: wimdReport.skipped }, { imported: 1, skipped: 2 })
      assert.equal((await locate(t.database.db, 'SA1 1AA', null)).wimdDecile, 8)
    })
  })
}
