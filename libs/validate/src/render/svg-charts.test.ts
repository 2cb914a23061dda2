import { describe, expect, it } from 'vitest';
import { histogramFromSamples } from '../evidence';
import { findAll, parseHtml, textOf, type HtmlElement } from '../testing/html-tree';
import { histogramSvg } from './svg-charts';

const byClass = (cls: string) => (el: HtmlElement) => (el.attrs.class ?? '').split(' ').includes(cls);
const samples = Array.from({ length: 1000 }, (_, i) => 0.01 + (i % 40) / 100);

describe('histogramSvg', () => {
  it('spans the samples when a marker lies far beyond them, and notes that marker at the edge', () => {
    const svg = parseHtml(
      histogramSvg(
        histogramFromSamples(samples, {
          title: 'latency',
          unit: 'ms',
          markers: [
            { label: 'p99', value: 0.4 },
            { label: 'threshold', value: 50 },
          ],
        }),
      ),
    );
    const bars = findAll(svg, byClass('bar'));
    expect(bars).toHaveLength(20);
    // The last bar ends at the plot's right edge (720 less the 16 px pad), not 1% of the way there.
    const last = bars[bars.length - 1]!;
    expect(Number(last.attrs.x) + Number(last.attrs.width)).toBeGreaterThan(700);
    expect(findAll(svg, byClass('marker'))).toHaveLength(1);
    expect(findAll(svg, byClass('marker-offscale')).map(textOf)).toEqual(['threshold 50 ms →']);
  });

  it('draws a marker near the samples as a line on the axis', () => {
    const svg = parseHtml(histogramSvg(histogramFromSamples(samples, { title: 'latency', unit: 'ms', markers: [{ label: 'threshold', value: 0.6 }] })));
    expect(findAll(svg, byClass('marker'))).toHaveLength(1);
    expect(findAll(svg, byClass('marker-offscale'))).toEqual([]);
  });
});
