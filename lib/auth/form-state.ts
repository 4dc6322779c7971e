/** What a form's server action returns for expected failures: field errors and a message, never a throw. */
export type FormState =
  | { ok: true; message?: string; data?: Record<string, string> }
  | {
      ok: false;
      message?: string;
      code?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      /** What the user typed (never secrets), so React's form reset after an action keeps it. */
      values?: Record<string, string>;
    }
  | null;
