// Upstream dates are strings of varying care; one that does not parse becomes null, not an error for the record.
export function toDateTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
