// Replays the AWS recordings of LocalStack's SQS parity tests (../shared/aws-recorded/localstack)
// against the reference server and compares the normalised answers with the recorded content by
// deep equality. Every entry either reproduces exactly, or is a known difference with its reason
// (recordings/known-differences.ts), or is not applicable (CloudFormation tests). The test fails when
// an entry that reproduced stops reproducing, and when a known difference starts reproducing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CASES } from './recordings/cases.js';
import { KNOWN_DIFFERENCES, NOT_APPLICABLE_FILES } from './recordings/known-differences.js';
import { normalise } from './recordings/normalise.js';
import { runCase } from './recordings/replay.js';

const RECORDINGS_DIR = fileURLToPath(new URL('../../../shared/aws-recorded/localstack/', import.meta.url));

interface Entry {
  file: string;
  id: string;
  recorded: Record<string, unknown>;
}

function loadEntries(): Entry[] {
  const out: Entry[] = [];
  for (const file of readdirSync(RECORDINGS_DIR).filter((f) => f.endsWith('.snapshot.json')).sort()) {
    const doc = JSON.parse(readFileSync(`${RECORDINGS_DIR}${file}`, 'utf8')) as Record<string, { 'recorded-content': Record<string, unknown> }>;
    for (const [id, v] of Object.entries(doc)) out.push({ file, id, recorded: v['recorded-content'] });
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'absent' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** Paths where `actual` differs from `expected`, one line each (at most `limit`). */
function diff(expected: unknown, actual: unknown, path = '$', out: string[] = [], limit = 25): string[] {
  if (out.length >= limit || isDeepStrictEqual(expected, actual)) return out;
  const bothObjects = expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object';
  if (bothObjects && Array.isArray(expected) === Array.isArray(actual)) {
    if (Array.isArray(expected) && Array.isArray(actual) && expected.length !== actual.length) {
      out.push(`${path}: ${expected.length} items recorded, ${actual.length} replayed`);
    }
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
      diff(e[k], a[k], Array.isArray(expected) ? `${path}[${k}]` : `${path}.${k}`, out, limit);
    }
    return out;
  }
  out.push(`${path}: recorded ${show(expected)}, replayed ${show(actual)}`);
  return out;
}

type Outcome = { kind: 'exact' } | { kind: 'differs'; lines: string[] };

const present = existsSync(RECORDINGS_DIR);

if (!present) {
  describe('AWS recordings', () => {
    // Reason: the recordings live beside the checkout (../shared); without them this placeholder says so.
    it.skip(`AWS recordings not found at ${RECORDINGS_DIR}: skipped`, () => undefined);
  });
} else {
  const entries = loadEntries();
  const byId = new Map(CASES.map((c) => [c.id, c]));
  const replayable = entries.filter((e) => NOT_APPLICABLE_FILES[e.file] === undefined);
  const notApplicable = entries.length - replayable.length;
  const outcomes = new Map<string, Outcome>();

  describe('AWS recordings replayed against the reference server', () => {
    it('every SQS entry has a case, and every case and known difference an entry', () => {
      const ids = new Set(entries.map((e) => e.id));
      expect(replayable.filter((e) => !byId.has(e.id)).map((e) => e.id)).toEqual([]);
      expect(CASES.filter((c) => !ids.has(c.id)).map((c) => c.id)).toEqual([]);
      expect(Object.keys(KNOWN_DIFFERENCES).filter((id) => !byId.has(id))).toEqual([]);
      expect(CASES.length).toBe(new Set(CASES.map((c) => c.id)).size);
    });

    for (const entry of replayable) {
      const c = byId.get(entry.id);
      if (!c) continue;
      it(entry.id.slice(entry.id.indexOf('::') + 2), async () => {
        let outcome: Outcome;
        try {
          const run = await runCase(c);
          const replayed = normalise(run.matches, { accountId: run.accountId, region: run.region, extra: run.extra });
          const lines = diff(entry.recorded, replayed);
          outcome = lines.length === 0 ? { kind: 'exact' } : { kind: 'differs', lines };
        } catch (e) {
          outcome = { kind: 'differs', lines: [`the replay stopped: ${e instanceof Error ? e.message : String(e)}`] };
        }
        outcomes.set(entry.id, outcome);
        const known = KNOWN_DIFFERENCES[entry.id];
        if (outcome.kind === 'exact') {
          console.log(`exact      ${entry.id}`);
          expect(known, `${entry.id} now reproduces exactly: remove it from known-differences.ts`).toBeUndefined();
        } else {
          console.log(`${known ? 'known diff' : 'DIFFERS   '} ${entry.id}${known ? ` (${known})` : ''}\n  ${outcome.lines.join('\n  ')}`);
          expect(known, `${entry.id} does not reproduce:\n  ${outcome.lines.join('\n  ')}`).toBeDefined();
        }
      });
    }

    it('summary', () => {
      const exact = [...outcomes.values()].filter((o) => o.kind === 'exact').length;
      const knownDiffering = [...outcomes.entries()].filter(([id, o]) => o.kind === 'differs' && KNOWN_DIFFERENCES[id] !== undefined).length;
      const unexpected = outcomes.size - exact - knownDiffering;
      console.log(
        `recordings: ${entries.length} entries, ${exact} reproduce exactly, ${knownDiffering} known differences, ${notApplicable} not applicable` +
          (unexpected > 0 ? ` (${unexpected} unexpected differences)` : ''),
      );
      expect(unexpected).toBe(0);
    });
  });
}
