/** Orders by status for a person to read, `filled 1, cancelled 2`, or `none`. */
export const orderCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ') || 'none';
