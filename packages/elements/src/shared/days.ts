// Date fields (`<input type="date">`, `YYYY-MM-DD`) and the instants the API filters by.

/** A date field's day as its local midnight (or that of `plus` days later), as an ISO instant. */
export function dayStart(day: string, plus = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plus).toISOString();
}

/** The local day of `date` as a date field's value. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
