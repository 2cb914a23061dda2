import fc from 'fast-check';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MetricsParseError, parsePrometheusText } from './prometheus-text';

describe('parsePrometheusText', () => {
  it('reads what prom-client writes: counters, gauges, histograms, escaped labels', async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'x_total', help: 'a "count"\nof things', labelNames: ['k'], registers: [registry] });
    c.inc({ k: 'a"b\\c\nd' }, 3);
    new Gauge({ name: 'g', help: 'g', registers: [registry] }).set(-1.5e-3);
    new Histogram({ name: 'h_seconds', help: 'h', buckets: [0.1, 1], registers: [registry] }).observe(0.5);
    const parsed = parsePrometheusText(await registry.metrics());
    expect(parsed.types.get('x_total')).toBe('counter');
    expect(parsed.samples.find((s) => s.name === 'x_total')).toEqual({ name: 'x_total', labels: { k: 'a"b\\c\nd' }, value: 3 });
    expect(parsed.samples.find((s) => s.name === 'g')?.value).toBe(-0.0015);
    expect(parsed.samples.find((s) => s.name === 'h_seconds_bucket' && s.labels.le === '+Inf')?.value).toBe(1);
  });

  it("reads NaN and Inf in any case, as Prometheus does: prom-client writes NaN as 'Nan'", async () => {
    const registry = new Registry();
    new Gauge({ name: 'empty', help: 'nothing measured yet', registers: [registry] }).set(Number.NaN);
    const text = await registry.metrics();
    expect(text).toMatch(/^empty Nan$/m);
    expect(parsePrometheusText(text).samples.find((s) => s.name === 'empty')?.value).toBeNaN();
    const values = parsePrometheusText('a NaN\nb nan\nc +Inf\nd inf\ne -INF\n').samples.map((s) => s.value);
    expect(values).toEqual([Number.NaN, Number.NaN, Infinity, Infinity, -Infinity]);
    expect(() => parsePrometheusText('a constructor')).toThrow(/bad value 'constructor'/);
  });

  it('refuses a huge non-number value at once (the value pattern does not backtrack over its digits)', () => {
    // With the old pattern this line took minutes: each extra digit multiplied the ways to split the run.
    expect(() => parsePrometheusText(`a ${'1'.repeat(200_000)}x\n`)).toThrow(/^line 1: bad value '1{60}\.\.\.'$/);
    expect(parsePrometheusText(`a ${'1'.repeat(200_000)}\n`).samples[0]!.value).toBe(Infinity);
  });

  it('names the first bad line', () => {
    expect(() => parsePrometheusText('ok 1\nbad metric\n')).toThrow(/line 2: bad value 'metric'/);
    expect(() => parsePrometheusText('a{b=1} 2')).toThrow(/label b must be quoted/);
    expect(() => parsePrometheusText('# TYPE a widget')).toThrow(/unknown TYPE/);
    expect(() => parsePrometheusText('<html>')).toThrow(MetricsParseError);
  });

  it('never throws anything but a MetricsParseError on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parsePrometheusText(text);
        } catch (err) {
          expect(err).toBeInstanceOf(MetricsParseError);
        }
      }),
      { numRuns: 2000, seed: 17 },
    );
  });

  it('reads back every sample it is given in canonical form', () => {
    const sample = fc.record({
      name: fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/),
      labels: fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }),
    });
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 5 }), (samples) => {
        const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
        const text = samples
          .map(
            (s) =>
              `${s.name}${
                Object.keys(s.labels).length
                  ? `{${Object.entries(s.labels)
                      .map(([k, v]) => `${k}="${esc(v)}"`)
                      .join(',')}}`
                  : ''
              } ${s.value}`,
          )
          .join('\n');
        const parsed = parsePrometheusText(text);
        expect(parsed.samples.map((s) => ({ ...s, value: Object.is(s.value, -0) ? 0 : s.value }))).toEqual(
          samples.map((s) => ({ ...s, value: Object.is(s.value, -0) ? 0 : s.value })),
        );
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
