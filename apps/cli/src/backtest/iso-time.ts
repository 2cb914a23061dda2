const DAY = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/**
 * Date.prototype.toISOString for epoch ms, without a Date per call: consecutive bars share their
 * day, so the date part is made once a day and only the clock is formatted.
 */
export function isoFormatter(): (t: number) => string {
  let day = Number.NaN;
  let prefix = '';
  return (t: number) => {
    if (!Number.isInteger(t)) return new Date(t).toISOString();
    const d = Math.floor(t / DAY);
    if (d !== day) {
      day = d;
      prefix = new Date(d * DAY).toISOString().slice(0, -13);
    }
    let r = t - d * DAY;
    const ms = r % 1000;
    r = (r - ms) / 1000;
    const s = r % 60;
    r = (r - s) / 60;
    const m = r % 60;
    return `${prefix}${pad2((r - m) / 60)}:${pad2(m)}:${pad2(s)}.${pad3(ms)}Z`;
  };
}
