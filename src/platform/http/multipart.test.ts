import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { boundaryOf, MultipartError, parseMultipart } from './multipart.js'

const body = (boundary: string, parts: string[]) => Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`)

describe('multipart form reading', () => {
  it('finds the boundary, quoted or not', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=----abc123'), '----abc123')
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary="x y"'), 'x y')
    assert.equal(boundaryOf('multipart/form-data'), null)
    assert.equal(boundaryOf(undefined), null)
  })

  it('reads fields and a file as text, keeping Welsh letters, line breaks and the file name', () => {
    const parsed = parseMultipart(
      body('b', ['content-disposition: form-data; name="_csrf"\r\n\r\ntoken', 'content-disposition: form-data; name="file"; filename="côr.csv"\r\ncontent-type: text/csv\r\n\r\nname,name_cy\r\nChoir,Côr Ŵyl\r\n', 'content-disposition: form-data; name="csv"\r\n\r\n']),
      'b',
    )
    assert.deepEqual(parsed, { _csrf: 'token', file: 'name,name_cy\r\nChoir,Côr Ŵyl\r\n', 'file.filename': 'côr.csv', csv: '' })
  })

  it('refuses a body that is not multipart', () => {
    assert.throws(() => parseMultipart(Buffer.from('name=value'), 'b'), MultipartError)
    assert.throws(() => parseMultipart(Buffer.from('--b\r\ncontent-disposition: form-data; name="a"\r\n\r\nno end'), 'b'), MultipartError)
  })
})
