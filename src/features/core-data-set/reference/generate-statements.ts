/**
 * Writes statements.json from appendix-five.md (the published table, copied verbatim). Run after changing the
 * appendix: `npx tsx src/features/core-data-set/reference/generate-statements.ts`. statements.test.ts checks the
 * result against its own reading of the appendix, so a hand edit to the JSON fails the tests.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

// Each data row: "<cluster> <number>" then six tab-separated cells, as the appendix prints them.
const row = /^(\d) (\d{1,3})\t([^\t]+)\t(\d\.\d\d)\t(\d\.\d\d)\t(\d\.\d\d)\t([^\t]+)\t([^\t]+)$/

const statements = readFileSync(path.join(here, 'appendix-five.md'), 'utf8')
  .split('\n')
  .map((line) => row.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([, cluster, number, statement, bridging, importance, ease, typeOfData, rbaQuestion]) => ({
    number: Number(number),
    cluster: Number(cluster),
    statement,
    bridgingValue: Number(bridging),
    importance: Number(importance),
    easeOfCollection: Number(ease),
    typeOfData,
    rbaQuestion,
    published: { bridgingValue: bridging, importance, easeOfCollection: ease },
  }))

if (statements.length !== 125) throw new Error(`Expected 125 statements, read ${statements.length}.`)
writeFileSync(path.join(here, 'statements.json'), `${JSON.stringify(statements, null, 2)}\n`)
process.stdout.write(`Wrote ${statements.length} statements.\n`)
