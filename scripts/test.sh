#!/usr/bin/env bash
# The README's test command: every layer, with the real PostgreSQL, the real CalDAV server
# (Radicale behind the iCloud-shaped proxy) and the real browser (Debian's Chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-system-deps.sh
bash scripts/generate.sh
mkdir -p tests/.artifacts

started=$(date +%s)
step() { echo; echo "━━ $1 ($(( $(date +%s) - started ))s)"; }

step "lint";        eslint --max-warnings=0 . && prettier --check .
step "types";       tsc --noEmit
step "unit";        vitest run --project unit --reporter=default --reporter=json --outputFile.json=tests/.artifacts/unit.json
step "integration"; vitest run --project integration --reporter=default --reporter=json --outputFile.json=tests/.artifacts/integration.json
# The push fault campaign runs alone, on its own database (its worker process takes every job).
step "campaign";    vitest run --project campaign --reporter=default --reporter=json --outputFile.json=tests/.artifacts/campaign.json
step "e2e";         tsx scripts/e2e.ts
# Two web servers on the build the e2e step just made, two worker processes, one PostgreSQL.
step "instances";   vitest run --project instances --reporter=default --reporter=json --outputFile.json=tests/.artifacts/instances.json
step "done"
tsx scripts/test-summary.ts
