#!/usr/bin/env bash
# Installs the Debian packages the test command needs, when missing: Radicale (the real
# CalDAV server the integration tests talk to) and Chromium (the browser for e2e tests).
set -euo pipefail
missing=()
command -v radicale >/dev/null 2>&1 || missing+=(radicale)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}. Install them as root:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "› installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
