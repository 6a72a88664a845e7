// Baseline entries scoped by protocol (issue 12): absent means every protocol (and every baseline
// written before); a run over both protocols writes what only one shows with that protocol, and
// what both show once, without it.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, emptyBaseline, updateBaseline, validateBaseline, type Baseline } from '../../src/runner/baseline.js';
import type { RunReport } from '../../src/runner/types.js';
import { divergentReport } from '../report/fixtures.js';

const over = (protocol: 'json' | 'query', r: RunReport = divergentReport()): RunReport => ({ ...r, target: { ...r.target, protocol } });
const ids = (b: Baseline) => b.entries.map((e) => [e.id, e.scope.protocol ?? 'any']);

describe('baselines by protocol', () => {
  it('a divergence both protocols show is one entry; one only one shows is scoped to it', () => {
    const both = ['json', 'query'] as const;
    const afterJson = updateBaseline(over('json'), undefined, '2026-01-01', { protocols: both });
    expect(ids(afterJson).every(([, p]) => p === 'json')).toBe(true);
    const afterQuery = updateBaseline(over('query'), afterJson, '2026-01-01', { protocols: both });
    expect(ids(afterQuery).every(([, p]) => p === 'any')).toBe(true);
    // Seen over JSON only now: the entry for both stands for Query alone.
    const quiet = { ...over('json'), divergences: [] };
    const next = updateBaseline(quiet, afterQuery, '2026-01-02', { protocols: both });
    expect(ids(next).every(([, p]) => p === 'query')).toBe(true);
  });

  it('a run over one protocol does not judge the other protocol\'s entries', () => {
    const b = updateBaseline(over('query'), emptyBaseline('x'), '2026-01-01', { protocols: ['json', 'query'] });
    const c = compareWithBaseline({ ...over('json'), divergences: [] }, b);
    expect(c.vanished).toEqual([]);
    expect(c.notRun.length).toBe(b.entries.length);
  });

  it('a plain run keeps entries protocol-free; entries for every protocol and for one overlap', () => {
    expect(ids(updateBaseline(over('query'), undefined, '2026-01-01')).every(([, p]) => p === 'any')).toBe(true);
    const entry = { id: 'x.y', scope: { suite: 's', property: 'p' }, reason: 'r', since: '2026-01-01' };
    expect(validateBaseline({ schemaVersion: 1, target: 't', entries: [entry, { ...entry, scope: { ...entry.scope, protocol: 'query' } }] }).ok).toBe(false);
    expect(validateBaseline({ schemaVersion: 1, target: 't', entries: [{ ...entry, scope: { ...entry.scope, protocol: 'json' } }, { ...entry, scope: { ...entry.scope, protocol: 'query' } }] }).ok).toBe(true);
    expect(validateBaseline({ schemaVersion: 1, target: 't', entries: [{ ...entry, scope: { ...entry.scope, protocol: 'xml' } }] }).ok).toBe(false);
  });
});
