// Reading values out of tsdav's parsed WebDAV properties (xml-js compact form, camel-cased).
export type Props = Record<string, unknown>;

export function propText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value).trim();
  if (typeof value === "object") {
    const v = value as Props;
    if ("_cdata" in v) return propText(v._cdata);
    if ("_text" in v) return propText(v._text);
  }
  return "";
}

/**
 * calendar-data keeps its line breaks: no trimming inside. Several CDATA sections (a server
 * splitting around "]]>") or text pieces arrive as arrays and are joined in order.
 */
export function propRawText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const v = value as Props;
    const joined = (part: unknown) =>
      Array.isArray(part) ? part.filter((x) => typeof x === "string").join("") : typeof part === "string" ? part : "";
    const cdata = joined(v._cdata);
    if (cdata) return cdata;
    return joined(v._text);
  }
  return typeof value === "number" ? String(value) : "";
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
