#!/usr/bin/env bash
# Production build: Node 22, packages, the generated Prisma client, then `next build`.
# Start it with `bash scripts/run.sh --production` (see the README's "Production").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1
bash scripts/generate.sh
NODE_ENV=production next build
