// Shared by the page (server) and the grid (client): a "use client" module's values can't be read on the server.
export const VIEWS = ["dayGridMonth", "timeGridWeek", "timeGridDay"] as const;
export type ViewName = (typeof VIEWS)[number];

export function parseView(value: string | undefined): ViewName | undefined {
  return VIEWS.find((v) => v === value);
}

/** A real "YYYY-MM-DD" date, or undefined. */
export function parseDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? undefined : value;
}
