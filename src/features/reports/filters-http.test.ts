import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { I18n } from '../../platform/i18n/i18n.js'
import { filterSummaryErrors, sendFilterProblem } from './filters-http.js'

const i18n = new I18n()
const t = (key: string) => i18n.translate('cy', key)

function fakeReply() {
  const sent: { status?: number; type?: string; body?: Record<string, unknown> } = {}
  const reply = {
    code(status: number) {
      sent.status = status
      return reply
    },
    type(type: string) {
      sent.type = type
      return reply
    },
    send(body: Record<string, unknown>) {
      sent.body = body
      return reply
    },
  }
  return { reply: reply as unknown as FastifyReply, sent }
}
const request = { t, url: '/api/v1/reports/rba?local_authority=W06000002', id: 'req-1' } as unknown as FastifyRequest

describe('answering a refused report query', () => {
  it('is a 403 problem in the caller’s language, with each field', () => {
    const { reply, sent } = fakeReply()
    sendFilterProblem(request, reply, { ok: false, status: 403, errors: [{ field: 'local_authority', key: 'reportFilters.access.outsideAreas' }] })
    assert.equal(sent.status, 403)
    assert.match(String(sent.type), /^application\/problem\+json/)
    assert.equal(sent.body?.code, 'forbidden')
    assert.deepEqual(sent.body?.errors, [{ field: 'local_authority', message: 'Dim ond adroddiadau ar gyfer yr ardaloedd y mae eich sefydliad yn eu comisiynu y gallwch eu gweld' }])
  })

  it('is a 400 validation problem for bad input', () => {
    const { reply, sent } = fakeReply()
    sendFilterProblem(request, reply, { ok: false, status: 400, errors: [{ field: 'to', key: 'reportFilters.period.toFuture' }] })
    assert.equal(sent.status, 400)
    assert.equal(sent.body?.code, 'validation_failed')
    assert.deepEqual(sent.body?.errors, [{ field: 'to', message: 'Rhaid i’r dyddiad gorffen fod heddiw neu yn y gorffennol' }])
  })

  it('links a page’s error summary to the date input’s day box', () => {
    assert.deepEqual(
      filterSummaryErrors(t, [
        { field: 'from', key: 'reportFilters.period.fromInvalid' },
        { field: 'sex', key: 'reportFilters.unknown.sex' },
      ]).map((e) => e.href),
      ['#from-day', '#sex'],
    )
  })
})
