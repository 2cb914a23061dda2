/** The report's only stylesheet, inline: the file opens anywhere, offline, with nothing to fetch. */
export const REPORT_CSS = `
:root { color-scheme: light; --pass: #2e7d32; --warn: #b26a00; --fail: #c62828; --skip: #616161; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121; background: #fafafa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { font-size: 20px; margin: 0 0 8px; display: flex; gap: 10px; align-items: center; }
h3 { font-size: 16px; margin: 16px 0 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.verdict { display: inline-block; font-size: 20px; font-weight: 700; padding: 6px 14px; border-radius: 6px; color: #fff; margin: 8px 0; }
.verdict-ready { background: var(--pass); } .verdict-ready-with-caveats { background: var(--warn); } .verdict-not-ready { background: var(--fail); }
.badge { font-size: 12px; font-weight: 700; padding: 2px 8px; border-radius: 4px; color: #fff; letter-spacing: .03em; }
.badge-PASS { background: var(--pass); } .badge-WARN { background: var(--warn); } .badge-FAIL { background: var(--fail); } .badge-SKIP { background: var(--skip); }
.meta { color: #616161; font-size: 13px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: #f5f5f5; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
/* Fixed columns: a long measured value (a list of limits) wraps in its cell instead of squeezing the check's name to a word a line. */
table.checks { table-layout: fixed; }
table.checks th:nth-child(1) { width: 30%; } table.checks th:nth-child(2) { width: 10%; } table.checks th:nth-child(3), table.checks th:nth-child(4) { width: 14%; }
table.checks td.num { white-space: normal; overflow-wrap: anywhere; }
table.checks td { overflow-wrap: anywhere; }
tr.row-FAIL td:first-child { border-left: 4px solid var(--fail); } tr.row-WARN td:first-child { border-left: 4px solid var(--warn); }
tr.row-SKIP td:first-child { border-left: 4px solid var(--skip); } tr.row-PASS td:first-child { border-left: 4px solid var(--pass); }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f1f1f1; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
.remedy { color: #5d4037; font-size: 13px; margin-top: 4px; }
.remedy::before { content: "Remedy: "; font-weight: 600; }
figure { margin: 12px 0; } figcaption { font-size: 13px; color: #424242; margin-bottom: 4px; font-weight: 600; }
svg.chart { max-width: 100%; height: auto; background: #fff; }
svg .bar { fill: #5c6bc0; } svg .axis { stroke: #757575; stroke-width: 1; }
svg .marker { stroke: #c62828; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .marker-label { fill: #c62828; font-size: 12px; } svg .tick { fill: #424242; font-size: 12px; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 0; }
dl.summary dt { color: #616161; } dl.summary dd { margin: 0; }
`;
