#!/usr/bin/env bash
# The package as npm users get it (npm run test:pack; .ci/run calls it):
#  1. `npm pack` (prepack: a clean build of dist/);
#  2. the tarball installed into an empty folder with --omit=dev: no TypeScript compiler, no test
#     runner; the library entries resolve (`sqs-conformance`, `sqs-conformance/testing`, …);
#  3. `npx sqs-conformance run --suite lifecycle --seed 1` there, on the embedded reference server;
#     every command line the kit printed starts with `npx sqs-conformance`, and two of them (a replay
#     line from report.json, the `suites` hint) run as printed in that folder;
#  4. examples/vitest-app copied out of the repository, installed from its own lock (npm ci) plus the
#     tarball, type-checked against the packed types and tested with its own Vitest config.
# Prints the tarball's size and each step's time. Needs the npm registry (or npm's cache) for the
# packages' dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sqsc-pack-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1 npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
START=$SECONDS
step() { echo "== pack-check: $1 ($((SECONDS - START)) s)"; }
die() { echo "pack-check: FAILED: $1" >&2; exit 1; }

step "npm pack"
cd "$ROOT"
npm pack --pack-destination "$WORK" --loglevel=warn >"$WORK/pack.out"
TGZ="$WORK/$(tail -n 1 "$WORK/pack.out")"
[ -f "$TGZ" ] || die "npm pack wrote no tarball"
FILES=$(tar -tzf "$TGZ" | wc -l)
echo "tarball: $(basename "$TGZ"), $(wc -c <"$TGZ") bytes, $FILES files"
if tar -tzf "$TGZ" | grep -E '^package/(dist/test|dist/cdk|test|src|cdk|examples)/|\.map$|\.ts$' | grep -v '\.d\.ts$' | head -5 | grep -q .; then
  tar -tzf "$TGZ" | grep -E '^package/(dist/test|dist/cdk|test|src|cdk|examples)/|\.map$|\.ts$' | grep -v '\.d\.ts$' | head -5
  die "the tarball holds tests, sources or source maps"
fi

step "install into an empty folder (--omit=dev)"
APP="$WORK/app"
mkdir "$APP" && cd "$APP"
echo '{ "name": "pack-check-app", "private": true, "type": "module" }' >package.json
npm install --omit=dev --loglevel=warn "$TGZ"
for dev in typescript vitest @types/node aws-cdk-lib playwright-core; do
  [ ! -e "node_modules/$dev" ] || die "node_modules/$dev was installed: a dev dependency reached the package's dependencies"
done
npx sqs-conformance --version
node --input-type=module -e "
  const root = await import('sqs-conformance');
  const { startReferenceServer } = await import('sqs-conformance/testing');
  for (const entry of ['sqs-conformance/testing/vitest', 'sqs-conformance/testing/jest']) await import(entry);
  const { createRequire } = await import('node:module');
  const pkg = createRequire(import.meta.url)('sqs-conformance/package.json');
  if (typeof root.runSuites !== 'function') throw new Error('sqs-conformance: no runSuites');
  const s = await startReferenceServer({ queues: { queues: [{ name: 'jobs.fifo', deadLetter: { name: 'jobs-dlq.fifo', maxReceiveCount: 3 } }] } });
  const health = await fetch(s.endpoint + '/health');
  if (health.status !== 200) throw new Error('/health answered ' + health.status);
  console.log('library entries of ' + pkg.name + ' ' + pkg.version + ' load; testing server on ' + s.endpoint + ' with ' + Object.keys(s.queueUrls).join(', '));
  await s.stop();
"

step "npx sqs-conformance run --suite lifecycle --seed 1"
set +e
npx sqs-conformance run --suite lifecycle --seed 1 --report text,json --out report >run.out 2>run.err
CODE=$?
set -e
cat run.out
[ "$CODE" = 0 ] || { cat run.err >&2; die "run exited $CODE"; }
npx sqs-conformance suites >suites.out

# Every command line the kit printed names the kit as a user runs it: `npx sqs-conformance …`.
node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  const texts = ['run.out', 'run.err', 'report/report.txt', 'report/report.json', 'suites.out'].map((f) => readFileSync(f, 'utf8'));
  const bad = [];
  for (const t of texts) {
    for (const m of t.matchAll(/sqs-conformance(?:\.js)? (?:run|check|check-settings|suites|serve|matrix|simulate|cleanup|replay)\b[^\n\"]*/g)) {
      if (t.slice(Math.max(0, m.index - 4), m.index) !== 'npx ') bad.push(t.slice(Math.max(0, m.index - 20), m.index) + m[0]);
    }
  }
  if (bad.length > 0) { console.error(bad.join('\n')); process.exit(1); }
" || die "a printed command does not start with npx sqs-conformance"

step "printed commands run as printed (in the background, beside the next step)"
REPLAY=$(node -e "const r = require('./report/report.json'); const p = r.properties.find((x) => /^validation#/.test(x.property)) ?? r.properties[0]; console.log(p.replay)")
HINT=$(sed -n 's/^Run one property: //p' suites.out)
(
  for line in "$REPLAY" "$HINT"; do
    case "$line" in "npx sqs-conformance "*) ;; *) echo "not a kit command line: $line"; exit 1 ;; esac
    if ! bash -c "$line" >replay.out 2>replay.err; then
      echo "failed: $line"; cat replay.out replay.err; exit 1
    fi
    echo "\$ $line: $(grep -E '^  verdict' replay.out | tr -s ' ')"
  done
) >printed.out 2>&1 &
PRINTED=$!

step "examples/vitest-app from the tarball"
EX="$WORK/vitest-app"
mkdir "$EX"
(cd "$ROOT/examples/vitest-app" && tar --exclude=node_modules -cf - .) | (cd "$EX" && tar -xf -)
cd "$EX"
npm ci --loglevel=warn
npm install --no-save --loglevel=warn "$TGZ"
"$ROOT/node_modules/.bin/tsc" -p tsconfig.json
EX_START=$SECONDS
npx vitest run
echo "example tests: $((SECONDS - EX_START)) s"

step "printed commands: results"
cd "$APP"
wait "$PRINTED" || { cat printed.out >&2; die "a printed command did not run"; }
cat printed.out

step "done"
echo "pack-check: passed in $((SECONDS - START)) s (tarball $(wc -c <"$TGZ") bytes)"
