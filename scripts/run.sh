#!/usr/bin/env bash
# The README's run command: Node 22, packages, generated Prisma client, then the app with
# demo data on an embedded PostgreSQL (or the one in DATABASE_URL).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$ROOT"
bash scripts/generate.sh
exec node --import tsx scripts/run-app.ts "$@"
