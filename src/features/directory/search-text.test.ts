import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { searchText } from './search-text.js'

describe('searchText', () => {
  it('joins English and Welsh names and descriptions and the organisation, lower-case and without accents', () => {
    assert.equal(
      searchText(
        'Cerdded Iach',
        'Taith Gerdded y Dŵr',
        'Health walks',
        'Teithiau cerdded wythnosol ar hyd glan yr afon',
        'Cyngor Gwynedd',
      ),
      'cerdded iach taith gerdded y dwr health walks teithiau cerdded wythnosol ar hyd glan yr afon cyngor gwynedd',
    )
  })

  it('strips every Welsh diacritic (circumflex, acute, grave, diaeresis) and other marks', () => {
    assert.equal(searchText('Ŵ ŷ â ê î ô û Á é ì ï ö Café Crème'), 'w y a e i o u a e i i o cafe creme')
  })

  it('leaves out missing and blank parts and collapses white space', () => {
    assert.equal(searchText(null, '  Grŵp  Cymunedol \n', undefined, '', '   ', 'Org'), 'grwp cymunedol org')
    assert.equal(searchText(), '')
    assert.equal(searchText(null, undefined), '')
  })

  it('decomposes compatibility characters (ﬁ ligature, full-width letters)', () => {
    assert.equal(searchText('ﬁtness ＡＢＣ'), 'fitness abc')
  })
})
