import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BOM, csvField, parseCsv, writeCsv } from './csv.js'

describe('parseCsv', () => {
  it('reads plain and quoted fields, embedded commas, quotes and line breaks, CRLF or LF', () => {
    const text = 'id,name,description\r\n1,Côr Cymunedol,"Singing, tea and ""cake""\nevery week"\n2,,\n'
    assert.deepEqual(parseCsv(text), {
      ok: true,
      records: [
        ['id', 'name', 'description'],
        ['1', 'Côr Cymunedol', 'Singing, tea and "cake"\nevery week'],
        ['2', '', ''],
      ],
    })
  })

  it('drops the byte order mark Excel writes, skips blank lines and reads a last line without a line break', () => {
    assert.deepEqual(parseCsv(`${BOM}a,b\r\n\r\nŵ,ŷ`), {
      ok: true,
      records: [
        ['a', 'b'],
        ['ŵ', 'ŷ'],
      ],
    })
    assert.deepEqual(parseCsv(''), { ok: true, records: [] })
    assert.deepEqual(parseCsv('"",x\n'), { ok: true, records: [['', 'x']] })
    assert.deepEqual(parseCsv('a,\n'), { ok: true, records: [['a', '']] })
  })

  it('refuses a quote left open, text after a closing quote and a stray quote, with the line', () => {
    assert.deepEqual(parseCsv('a,b\n1,"open\nstill open'), {
      ok: false,
      line: 2,
      message: 'a quote is opened and never closed',
    })
    assert.equal((parseCsv('a\n"x"y\n') as { line: number }).line, 2)
    assert.equal(parseCsv('a\nx"y\n').ok, false)
  })
})

describe('writeCsv', () => {
  it('quotes only what needs it and reads back the same', () => {
    assert.equal(csvField('plain'), 'plain')
    assert.equal(csvField('a,b'), '"a,b"')
    assert.equal(csvField('say "hi"'), '"say ""hi"""')
    assert.equal(csvField(' padded'), '" padded"')
    const records = [
      ['id', 'name'],
      ['x', 'Grŵp Cerdded, Y Bala\r\nEvery "Tuesday"'],
      ['', ''],
    ]
    const text = writeCsv(records)
    assert.ok(text.startsWith(BOM))
    assert.ok(text.endsWith('\r\n'))
    assert.deepEqual(parseCsv(text), { ok: true, records })
  })
})
