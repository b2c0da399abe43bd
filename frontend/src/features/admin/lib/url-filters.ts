/** Filters live in the address: shareable, kept on reload, undone by Back. */

export function readText(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

export function readChoice<Choice extends string>(params: URLSearchParams, name: string, choices: readonly Choice[]): Choice | null {
  const value = params.get(name);
  return choices.find((choice) => choice === value) ?? null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readDay(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

/** The search params for `values`, leaving out the empty ones (so the address stays short). */
export function filtersToParams(values: Record<string, string | null | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    const trimmed = value?.trim();
    if (trimmed) params.set(name, trimmed);
  }
  return params;
}

/** Today in UTC as YYYY-MM-DD: the API's days are UTC days. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
