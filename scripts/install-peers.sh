#!/usr/bin/env bash
# Installs the peer servers up front into the git-ignored work dir (default <repo>/.peers), once:
# a peer already installed is reported as cached and left alone (no network needed).
#   scripts/install-peers.sh [--work-dir DIR] [NAME ...]     (default: every peer)
# Needs dist/ (npm ci or npm run build). Exits non-zero when a peer failed to install.
set -euo pipefail
cd "$(dirname "$0")/.."

work_dir="$PWD/.peers"
if [[ "${1:-}" == "--work-dir" ]]; then
  work_dir="$(mkdir -p "$2" && cd "$2" && pwd)"
  shift 2
fi
if [[ ! -f dist/src/target/launchers/install.js ]]; then
  echo "install-peers: dist/ is missing; building it (npm run build)" >&2
  npm run --silent build
fi

node --input-type=module - "$work_dir" "$@" <<'JS'
import { installPeers } from './dist/src/target/launchers/install.js';
const [workDir, ...names] = process.argv.slice(2);
const t0 = Date.now();
console.log(`== installing peers into ${workDir}: ${names.length ? names.join(', ') : 'all'}`);
const reports = await installPeers(names, workDir, (line) => console.log(`   ${line}`));
for (const r of reports) {
  const what = r.what ? ` ${r.what}` : '';
  const where = r.dir ? ` (${r.dir})` : '';
  console.log(`${r.status.padEnd(9)} ${r.name.padEnd(13)} ${(r.ms / 1000).toFixed(1).padStart(6)} s${what}${where}`);
  if (r.error) console.log(`          ${r.error.split('\n').join('\n          ')}`);
}
const failed = reports.filter((r) => r.status === 'failed');
console.log(`== peers: ${reports.length - failed.length} ready, ${failed.length} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exitCode = failed.length ? 1 : 0;
JS
