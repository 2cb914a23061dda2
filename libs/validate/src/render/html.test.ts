import { describe, expect, it } from 'vitest';
import { findAll, parseHtml, textOf, type HtmlElement } from '../testing/html-tree';
import { HOSTILE, sampleResult } from '../../test/sample-result';
import { renderHtml } from './html';

const byClass = (cls: string) => (el: HtmlElement) => (el.attrs.class ?? '').split(' ').includes(cls);

describe('renderHtml', () => {
  const result = sampleResult();
  const html = renderHtml(result);
  const doc = parseHtml(html);

  it('is well-formed and self-contained: inline CSS, no script, no external reference', () => {
    expect(findAll(doc, (el) => el.tag === 'html')).toHaveLength(1);
    expect(findAll(doc, (el) => el.tag === 'style')).toHaveLength(1);
    expect(findAll(doc, (el) => el.tag === 'script' || el.tag === 'link' || el.tag === 'img' || el.tag === 'iframe')).toEqual([]);
    const refs = findAll(doc, (el) => 'src' in el.attrs || ('href' in el.attrs && !el.attrs.href!.startsWith('#')));
    expect(refs).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('has one section per validator, in result order, with a row per check', () => {
    const sections = findAll(doc, (el) => el.tag === 'section' && 'data-validator' in el.attrs);
    expect(sections.map((s) => s.attrs['data-validator'])).toEqual(result.validators.map((v) => v.id));
    sections.forEach((s, i) => {
      const v = result.validators[i]!;
      expect(s.attrs['data-status']).toBe(v.status);
      expect(findAll(s, (el) => el.tag === 'tr' && 'data-check' in el.attrs).map((r) => r.attrs['data-check'])).toEqual(v.checks.map((c) => c.id));
    });
    for (const id of ['summary', 'conclusion', 'attestation']) expect(findAll(doc, (el) => el.attrs.id === id)).toHaveLength(1);
    expect(textOf(findAll(doc, (el) => el.attrs.id === 'conclusion')[0]!)).toMatch(/^ConclusionNot ready\. 1 check failed/);
  });

  it('draws a histogram and a timeline as inline SVG where the series are given', () => {
    const [execution] = findAll(doc, (el) => el.attrs['data-validator'] === 'execution');
    const hist = findAll(execution!, (el) => el.tag === 'svg');
    expect(hist).toHaveLength(1);
    expect(findAll(hist[0]!, byClass('bar')).length).toBe(20);
    expect(findAll(hist[0]!, byClass('marker'))).toHaveLength(2);
    const [paper] = findAll(doc, (el) => el.attrs['data-validator'] === 'paper-trading');
    const timeline = findAll(paper!, (el) => el.tag === 'svg');
    expect(timeline).toHaveLength(1);
    const down = findAll(timeline[0]!, byClass('seg-down'));
    expect(down).toHaveLength(1);
    // A one-hour outage in 30 days stays visible.
    expect(Number(down[0]!.attrs.width)).toBeGreaterThanOrEqual(2);
    // Sections without series have no chart.
    const [security] = findAll(doc, (el) => el.attrs['data-validator'] === 'security');
    expect(findAll(security!, (el) => el.tag === 'svg')).toEqual([]);
  });

  it('renders the incidents table from the paper-trading evidence', () => {
    const [figure] = findAll(doc, (el) => el.attrs['data-evidence'] === 'incidents');
    expect(textOf(findAll(figure!, (el) => el.tag === 'figcaption')[0]!)).toBe('Incidents');
    const rows = findAll(figure!, (el) => el.tag === 'tr');
    expect(rows).toHaveLength(3);
    expect(textOf(rows[1]!)).toContain('3,600');
  });

  it('escapes every string: injected markup is text, never an element', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    const texts = textOf(doc);
    // The hostile detail, the incident cause and the timeline label all arrive as text.
    expect(texts.split(HOSTILE).length - 1).toBeGreaterThanOrEqual(3);
    const titles = findAll(doc, (el) => el.tag === 'title').map(textOf);
    expect(titles.some((t) => t.includes('crash: <script>'))).toBe(true);
  });

  it('escapes an option title and hostile attribute-bound values', () => {
    const r = sampleResult();
    r.validators[0]!.checks[0]!.id = 'strategy.loads';
    r.attestation.rustybtVersion = '1.0" onload="x';
    const d = parseHtml(renderHtml(r, { title: '<b>mine</b>' }));
    expect(textOf(findAll(d, (el) => el.tag === 'h1')[0]!)).toBe('<b>mine</b>');
    expect(findAll(d, (el) => 'onload' in el.attrs)).toEqual([]);
  });
});

describe('the test parser itself', () => {
  it('rejects what a careless renderer would produce', () => {
    expect(() => parseHtml('<p>a < b</p>')).toThrow(/bad start tag/);
    expect(() => parseHtml('<p>fish & chips</p>')).toThrow(/bare &/);
    expect(() => parseHtml('<p><b>x</p></b>')).toThrow(/closes/);
    expect(() => parseHtml('<p class=x>y</p>')).toThrow(/bad start tag/);
    expect(() => parseHtml('<div>')).toThrow(/unclosed/);
    expect(parseHtml('<p a="1">x &amp; y<br></p>').children).toHaveLength(1);
  });
});
