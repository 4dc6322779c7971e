/** What a form's server action returns for expected failures (STYLE.md rule 3). */
export type FormState =
  | { ok: true; message?: string }
  | { ok: false; message?: string; fieldErrors?: Record<string, string[] | undefined> }
  | null;
