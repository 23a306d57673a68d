/**
 * Times as the Health sources give them, turned into the ISO 8601 UTC strings the model uses.
 * The SDK hands back `Date` objects, the wire protocol epoch seconds (possibly fractional), and
 * the public dashboard epoch seconds as strings.
 */

/** A `Date`, epoch seconds (number or numeric string) or an ISO string → `2026-11-26T15:45:06Z`; anything else → undefined. */
export function toIsoUtc(value: unknown): string | undefined {
  let ms: number | undefined;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(?:\.\d+)?$/.test(text)) ms = Number(text) * 1000;
    else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) ms = Date.parse(text);
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  // Health times have second precision; the contract writes them without fractions.
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Milliseconds since the epoch of an ISO string, or NaN. */
export function isoToMillis(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}
