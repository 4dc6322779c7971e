// Security headers for every response (next.config.ts applies them by path). Kept free of
// imports so the Next.js config can load it.

type Header = { key: string; value: string };

/**
 * Next.js writes inline scripts (hydration data) without nonces on statically rendered pages, so
 * scripts are limited to this origin plus inline ones; nothing may be loaded from elsewhere, no
 * plugins, no <base> tricks, forms post only here. Development adds 'unsafe-eval' for React's
 * refresh runtime.
 */
export function contentSecurityPolicy(options: { dev: boolean; frameAncestors: string }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors}`,
  ].join("; ");
}

/**
 * Headers for one kind of page. Customer booking pages (`/book/…`, `/booking/…`) may be embedded
 * in a business's own site; everything else (staff pages, sign-in, setup, the API) may not be
 * framed at all.
 */
export function securityHeaders(options: { dev: boolean; production: boolean; embeddable: boolean }): Header[] {
  const headers: Header[] = [
    {
      key: "Content-Security-Policy",
      value: contentSecurityPolicy({ dev: options.dev, frameAncestors: options.embeddable ? "*" : "'none'" }),
    },
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Manage links carry their token in the URL: never send it to another site.
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
  if (!options.embeddable) headers.push({ key: "X-Frame-Options", value: "DENY" });
  if (options.production) headers.push({ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" });
  return headers;
}
