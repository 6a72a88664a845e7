#!/usr/bin/env bash
# Installs the peer servers (and the Python test clients) up front into the git-ignored work dir
# (default <repo>/.peers), each from its committed lock in peers/<name>/, once: a peer already
# installed from the same lock is reported as cached and left alone (no network needed).
#   scripts/install-peers.sh [--work-dir DIR] [--reinstall] [NAME ...]     (default: every peer)
# --reinstall installs the named peers again even when they are current (same as
# `rm -rf .peers/<its folder>`). Needs dist/ (npm ci or npm run build). Exits non-zero when a peer
# failed to install, after printing the end of its install log.
set -euo pipefail
cd "$(dirname "$0")/.."

work_dir="$PWD/.peers"
reinstall=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work-dir) work_dir="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --reinstall) reinstall=1; shift ;;
    *) break ;;
  esac
done
if [[ ! -f dist/src/target/launchers/install.js ]]; then
  echo "install-peers: dist/ is missing; building it (npm run build)" >&2
  npm run --silent build
fi

node --input-type=module - "$work_dir" "$reinstall" "$@" <<'JS'
import { installPeers } from './dist/src/target/launchers/install.js';
const [workDir, reinstall, ...names] = process.argv.slice(2);
const t0 = Date.now();
console.log(`== installing peers into ${workDir}: ${names.length ? names.join(', ') : 'all'}${reinstall === '1' ? ' (reinstall)' : ''}`);
const reports = await installPeers(names, workDir, { log: (line) => console.log(`   ${line}`), reinstall: reinstall === '1' });
for (const r of reports) {
  const what = r.what ? ` ${r.what}` : '';
  const where = r.dir ? ` (${r.dir})` : '';
  console.log(`${r.status.padEnd(9)} ${r.name.padEnd(14)} ${(r.ms / 1000).toFixed(1).padStart(6)} s${what}${where}`);
  if (r.error) console.log(`          ${r.error.split('\n').join('\n          ')}`);
  if (r.log) console.log(`          last lines of ${r.log.file}:\n${r.log.tail.map((l) => `          | ${l}`).join('\n')}`);
}
const failed = reports.filter((r) => r.status === 'failed');
console.log(`== peers: ${reports.length - failed.length} ready, ${failed.length} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exitCode = failed.length ? 1 : 0;
JS
