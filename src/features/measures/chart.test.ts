import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CHART, chartSvg, plotPoints } from './chart.js'

describe('measure chart', () => {
  const base = { id: 'swemwbs-metric', title: 'SWEMWBS', description: 'From 19.25 to 25.03', min: 7, max: 35 }

  it('places the lowest value on the x axis and the highest at the top, spread evenly in time', () => {
    const points = plotPoints({ min: 7, max: 35, points: [{ label: 'a', value: 7 }, { label: 'b', value: 21 }, { label: 'c', value: 35 }] })
    assert.deepEqual(points.map((p) => p.y), [CHART.height - CHART.bottom, (CHART.height - CHART.bottom + CHART.top) / 2, CHART.top])
    assert.equal(points[0]?.x, CHART.left)
    assert.equal(points[2]?.x, CHART.width - CHART.right)
    assert.equal(points[1]?.x, (CHART.left + CHART.width - CHART.right) / 2)
  })

  it('puts a single point in the middle and keeps values outside the range on the chart', () => {
    const [one] = plotPoints({ min: 0, max: 10, points: [{ label: 'x', value: 12 }] })
    assert.equal(one?.x, CHART.left + (CHART.width - CHART.left - CHART.right) / 2)
    assert.equal(one?.y, CHART.top)
  })

  it('is an image named by its title and described in words, without inline style', () => {
    const svg = chartSvg({ ...base, points: [{ label: '2 Mar', value: 19.25 }, { label: '1 Jun', value: 25.03 }] })
    assert.match(svg, /^<svg [^>]*role="img"/)
    assert.match(svg, /aria-labelledby="swemwbs-metric-title"/)
    assert.match(svg, /<title id="swemwbs-metric-title">SWEMWBS<\/title>/)
    assert.match(svg, /<desc id="swemwbs-metric-desc">From 19.25 to 25.03<\/desc>/)
    assert.doesNotMatch(svg, /style=/)
    assert.equal((svg.match(/<circle /g) ?? []).length, 2)
    assert.match(svg, /<polyline points="36,\d+(\.\d+)? 308,\d+(\.\d+)?"/)
    assert.match(svg, />2 Mar</)
    assert.match(svg, />1 Jun</)
  })

  it('draws no line for one point, and a dashed reference line when asked', () => {
    const svg = chartSvg({ ...base, points: [{ label: '2 Mar', value: 19.25 }], reference: 21 })
    assert.doesNotMatch(svg, /<polyline/)
    assert.match(svg, /stroke-dasharray/)
  })

  it('escapes the words it is given and makes the id safe', () => {
    const svg = chartSvg({ ...base, id: 'a b"c', title: 'Tom & <Jerry>', description: "it's", points: [] })
    assert.match(svg, /Tom &amp; &lt;Jerry&gt;/)
    assert.match(svg, /it&#39;s/)
    assert.match(svg, /id="a-b-c-title"/)
  })
})
