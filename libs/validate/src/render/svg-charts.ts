import type { HistogramEvidence, TimelineEvidence, TimelineState } from '../evidence-schema';
import { escapeHtml as e } from './escape';
import { formatNumber } from './format';

// Inline SVG charts for the HTML report: no script, no external assets, every label escaped.

export const STATE_COLORS: Readonly<Record<TimelineState, string>> = {
  up: '#2e7d32',
  degraded: '#f9a825',
  planned: '#1565c0',
  down: '#c62828',
  unknown: '#bdbdbd',
};

const W = 720;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

export function histogramSvg(h: HistogramEvidence): string {
  const height = 240;
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const dataLo = Math.min(...h.buckets.map((b) => b.from));
  const dataHi = Math.max(...h.buckets.map((b) => b.to));
  // A marker far from the samples (a 50 ms bound over 0.2 ms latencies) would squeeze every bar
  // into a pixel: the axis spans the samples and the markers near them, and a far marker is a note
  // at the edge, pointing the way it lies.
  const reach = dataHi > dataLo ? dataHi - dataLo : Math.abs(dataHi) || 1;
  const near = h.markers.filter((m) => m.value >= dataLo - reach && m.value <= dataHi + reach);
  const far = h.markers.filter((m) => !near.includes(m));
  const lo = Math.min(dataLo, ...near.map((m) => m.value));
  const hi = Math.max(dataHi, ...near.map((m) => m.value));
  const span = hi > lo ? hi - lo : 1;
  const maxCount = Math.max(1, ...h.buckets.map((b) => b.count));
  const x = (v: number) => PAD.left + ((v - lo) / span) * plotW;
  const y = (c: number) => PAD.top + plotH - (c / maxCount) * plotH;
  const bars = h.buckets.map((b) => {
    const bx = x(b.from);
    const bw = Math.max(1, x(b.to) - bx - 1);
    const label = `${formatNumber(b.from)}–${formatNumber(b.to)} ${h.unit}: ${formatNumber(b.count)}`;
    return `<rect class="bar" x="${n(bx)}" y="${n(y(b.count))}" width="${n(bw)}" height="${n(PAD.top + plotH - y(b.count))}"><title>${e(label)}</title></rect>`;
  });
  const markers = near.map((m, i) => {
    const mx = n(x(m.value));
    return `<line class="marker" x1="${mx}" y1="${PAD.top}" x2="${mx}" y2="${PAD.top + plotH}" /><text class="marker-label" x="${mx}" y="${PAD.top + 12 + i * 14}" text-anchor="${x(m.value) > W / 2 ? 'end' : 'start'}" dx="${x(m.value) > W / 2 ? -4 : 4}">${e(`${m.label} ${formatNumber(m.value)} ${h.unit}`)}</text>`;
  });
  const offScale = far.map((m, i) => {
    const right = m.value > hi;
    const text = right ? `${m.label} ${formatNumber(m.value)} ${h.unit} →` : `← ${m.label} ${formatNumber(m.value)} ${h.unit}`;
    return `<text class="marker-label marker-offscale" x="${right ? W - PAD.right : PAD.left + 4}" y="${PAD.top + 12 + (near.length + i) * 14}" text-anchor="${right ? 'end' : 'start'}">${e(text)}</text>`;
  });
  const axis = [
    `<line class="axis" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" />`,
    `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" />`,
    ...[lo, lo + span / 2, hi].map(
      (v, i) => `<text class="tick" x="${n(x(v))}" y="${PAD.top + plotH + 16}" text-anchor="${['start', 'middle', 'end'][i]}">${e(formatNumber(v))}</text>`,
    ),
    `<text class="tick" x="${W / 2}" y="${height - 6}" text-anchor="middle">${e(h.unit)}</text>`,
    `<text class="tick" x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end">${e(formatNumber(maxCount))}</text>`,
    `<text class="tick" x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end">0</text>`,
  ];
  return svg(height, `${h.title} (histogram, ${h.unit})`, [...axis, ...bars, ...markers, ...offScale]);
}

export function timelineSvg(t: TimelineEvidence): string {
  const height = 96;
  const start = Date.parse(t.start);
  const end = Date.parse(t.end);
  const span = end > start ? end - start : 1;
  const plotW = W - PAD.left - PAD.right;
  const x = (ms: number) => PAD.left + (Math.min(Math.max(ms - start, 0), span) / span) * plotW;
  const barY = 12;
  const barH = 28;
  const segments = t.segments.map((s) => {
    const sx = x(Date.parse(s.from));
    // An hour's outage in 30 days is a fraction of a pixel: keep every non-up span visible.
    const sw = Math.max(s.state === 'up' ? 0 : 2, x(Date.parse(s.to)) - sx);
    const label = `${s.state} ${s.from} → ${s.to}${s.label ? `: ${s.label}` : ''}`;
    return `<rect class="seg seg-${s.state}" x="${n(sx)}" y="${barY}" width="${n(sw)}" height="${barH}" fill="${STATE_COLORS[s.state]}"><title>${e(label)}</title></rect>`;
  });
  // Up spans first so a thin outage is drawn over its neighbours.
  const ordered = [...segments.filter((_, i) => t.segments[i]!.state === 'up'), ...segments.filter((_, i) => t.segments[i]!.state !== 'up')];
  const present = [...new Set(['up', ...t.segments.map((s) => s.state), 'unknown'])] as TimelineState[];
  const legend = present.map(
    (state, i) =>
      `<rect x="${PAD.left + i * 110}" y="70" width="12" height="12" fill="${STATE_COLORS[state]}" /><text class="tick" x="${PAD.left + i * 110 + 16}" y="80">${e(state)}</text>`,
  );
  const body = [
    `<rect class="seg seg-unknown" x="${PAD.left}" y="${barY}" width="${plotW}" height="${barH}" fill="${STATE_COLORS.unknown}" />`,
    ...ordered,
    `<text class="tick" x="${PAD.left}" y="${barY + barH + 16}" text-anchor="start">${e(t.start)}</text>`,
    `<text class="tick" x="${W - PAD.right}" y="${barY + barH + 16}" text-anchor="end">${e(t.end)}</text>`,
    ...legend,
  ];
  return svg(height, `${t.title} (timeline from ${t.start} to ${t.end})`, body);
}

function svg(height: number, label: string, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${e(label)}">${body.join('')}</svg>`;
}

function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}
