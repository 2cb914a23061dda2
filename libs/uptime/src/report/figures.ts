/** `1h 2m 3s`, `45.5s`, `0s`: durations for people. */
export function humanSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const d = Math.floor(rest / 86_400);
  rest -= d * 86_400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest = Math.round((rest - m * 60) * 1000) / 1000;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', rest ? `${rest}s` : ''].filter(Boolean);
  return sign + parts.join(' ');
}

export const pct = (x: number) => `${x.toFixed(4).replace(/\.?0+$/, '')}%`;
