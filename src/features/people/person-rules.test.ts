import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ageOn, cleanName, isChild, isPhone, matchName, nhsNumberProblem, normalisePostcode, parseDateOfBirth } from './person-rules.js'

const today = new Date('2026-11-25T12:00:00Z')

describe('person rules', () => {
  it('keeps names exactly, with Welsh and other letters', () => {
    for (const name of ['Siân', 'Llŷr', 'Dafydd ap Gwilym', 'Zoë', '陈']) assert.equal(cleanName(` ${name}  `), name)
    assert.equal(cleanName('<b>Bold</b>'), '<b>Bold</b>')
  })

  it('matches names without accents, case or punctuation', () => {
    assert.equal(matchName('Siân', 'Llŷr-Jones'), matchName('SIAN', 'llyr jones'))
    assert.equal(matchName('陈', '伟'), '陈 伟')
  })

  it('checks NHS numbers by modulus 11', () => {
    assert.equal(nhsNumberProblem('943 476 5919'), null)
    assert.equal(nhsNumberProblem('9434765918'), 'checksum')
    assert.equal(nhsNumberProblem('94347659'), 'format')
    assert.equal(nhsNumberProblem('abcdefghij'), 'format')
  })

  it('normalises and refuses postcodes', () => {
    assert.equal(normalisePostcode('cf10 1aa'), 'CF10 1AA')
    assert.equal(normalisePostcode('SA11AA'), 'SA1 1AA')
    assert.equal(normalisePostcode(' ll57  2pw '), 'LL57 2PW')
    assert.equal(normalisePostcode('CF10'), null)
    assert.equal(normalisePostcode('12345'), null)
  })

  it('refuses dates of birth in the future, over 120 years ago, or not real', () => {
    assert.deepEqual(parseDateOfBirth({ day: '29', month: '2', year: '2000' }, today), { date: '2000-02-29' })
    assert.deepEqual(parseDateOfBirth({ day: '29', month: '2', year: '2001' }, today), { problem: 'invalid' })
    assert.deepEqual(parseDateOfBirth({ day: '1', month: '1', year: '2027' }, today), { problem: 'future' })
    assert.deepEqual(parseDateOfBirth({ day: '1', month: '1', year: '1900' }, today), { problem: 'too_old' })
    assert.deepEqual(parseDateOfBirth({ day: '', month: '', year: '' }, today), { problem: 'missing' })
    assert.deepEqual(parseDateOfBirth({ day: '1', month: '', year: '1990' }, today), { problem: 'incomplete' })
  })

  it('works out age and childhood', () => {
    assert.equal(ageOn('2008-11-26', today), 17)
    assert.equal(ageOn('2008-11-25', today), 18)
    assert.equal(isChild('2008-11-26', today), true)
  })

  it('accepts phone numbers as people type them', () => {
    assert.equal(isPhone('029 2000 0000'), true)
    assert.equal(isPhone('+44 (0)7700 900123'), true)
    assert.equal(isPhone('call me'), false)
  })
})
