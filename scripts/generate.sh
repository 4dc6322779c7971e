#!/usr/bin/env bash
# Regenerates the Prisma client when the schema changed (it is git-ignored, so a fresh clone
# always generates). Expects node-env.sh to have been sourced.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sum="$(sha256sum prisma/schema.prisma | cut -d' ' -f1)"
if [ ! -f lib/generated/prisma/.schema-sum ] || [ "$(cat lib/generated/prisma/.schema-sum)" != "$sum" ]; then
  tsx scripts/prisma.ts generate >/dev/null
  echo "$sum" > lib/generated/prisma/.schema-sum
fi
