import { defineConfig } from "prisma/config";

// Prisma 7 reads connection URLs from here, not from schema.prisma. Run the CLI as
// `npm run prisma -- …` (scripts/prisma.ts): it loads .env/.env.local and uses our wasm schema
// engine, which creates and drops its own temporary shadow database on the same server, so no
// shadowDatabaseUrl is needed (set one only where CREATE DATABASE is not allowed).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Not `env("DATABASE_URL")`: that throws while loading the config when the variable is unset,
    // which would break `prisma generate` (needs no database) on a fresh clone. Commands that
    // need the URL still stop with "The datasource.url property is required…".
    url: process.env.DATABASE_URL,
  },
});
