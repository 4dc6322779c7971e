// Server-side logging with secrets kept out: keys that name secrets are dropped, and anything
// shaped like an app-specific password or a Basic credential is masked even inside messages.
const SECRET_KEY = /pass(word)?|authorization|secret|token|ciphertext|cookie|credential/i;
const APP_PASSWORD = /\b[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}\b/gi;
const BASIC = /\bBasic\s+[A-Za-z0-9+/=]{8,}/g;

export function scrub(text: string): string {
  return text.replace(APP_PASSWORD, "[redacted]").replace(BASIC, "Basic [redacted]");
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value instanceof Error) return { name: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  if (!value || typeof value !== "object") return value;
  // Past this depth nothing is inspected, so nothing is printed either.
  if (depth > 4) return "[truncated]";
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : clean(v, depth + 1)]),
  );
}

export function logError(message: string, context: Record<string, unknown> = {}): void {
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message: scrub(message), ...(clean(context) as object) }));
}

export function logInfo(message: string, context: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: scrub(message), ...(clean(context) as object) }));
}
