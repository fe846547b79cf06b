// Stale data said out loud: when the period is seen past the data's last
// day (the as-of date defaults to today, the exports stop earlier), the
// figures after it are zeros, not a fall.

/** The data's last day when the view reaches past it (ISO dates compare as text); null otherwise. */
export function staleUntil(periodEnd: string, asOf: string, lastDate: string | null): string | null {
  if (!lastDate) return null;
  const seenUntil = periodEnd < asOf ? periodEnd : asOf;
  return seenUntil > lastDate ? lastDate : null;
}
