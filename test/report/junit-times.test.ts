// JUnit times are wall times: instances of a suite run concurrently, so the suite's time is the
// span of its instances (first start to last end), never the sum of their durations; each test case
// has its own instance's duration; the file's total is the run's wall time.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/index.js';
import { junitTimestamp, suiteSpan } from '../../src/report/junit.js';
import type { PropertyResult, RunReport } from '../../src/runner/types.js';
import { conformantReport } from './fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

const instance = (suite: string, property: string, startOffsetMs: number, durationMs: number): PropertyResult => ({
  suite,
  property,
  seed: 1,
  runs: 1,
  passed: true,
  shrinks: 0,
  durationMs,
  startOffsetMs,
  replay: 'r',
});

/** A 212 s run: lifecycle's instances overlap (their durations sum to 748 s), fifo starts later. */
function overlapping(): RunReport {
  return {
    ...conformantReport(),
    suites: ['lifecycle', 'fifo'],
    startedAt: '2026-03-01T10:00:00.250Z',
    durationMs: 212_000,
    properties: [
      instance('lifecycle', 'retention#0', 1_000, 75_000),
      instance('lifecycle', 'visibility#0', 1_200, 205_000),
      instance('lifecycle', 'visibility#1', 1_300, 198_000),
      instance('lifecycle', 'delay#0', 1_400, 150_000),
      instance('lifecycle', 'body#0', 1_500, 120_000),
      instance('fifo', 'order#0', 30_000, 20_000),
      instance('fifo', 'order#1', 45_000, 10_000),
      { ...instance('fifo', 'lock#0', 0, 0), startOffsetMs: undefined, runs: 0, passed: false, notRun: 'not run: the run was interrupted' },
    ],
  };
}

function parse(xml: string): { root: Record<string, string>; suites: Array<Record<string, unknown>> } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: Array<Record<string, unknown>> } };
  return { root: doc.testsuites, suites: doc.testsuites.testsuite };
}

describe('JUnit durations are wall times', () => {
  it('a suite of overlapping instances lasts from its first start to its last end, not the sum', () => {
    const r = overlapping();
    const lifecycleSum = r.properties.filter((p) => p.suite === 'lifecycle').reduce((n, p) => n + p.durationMs, 0);
    expect(lifecycleSum).toBe(748_000);
    const { root, suites } = parse(renderJunit(r));
    expect(root['@_time']).toBe('212.000');
    const [lifecycle, fifo] = suites;
    expect(lifecycle!['@_time']).toBe('205.200'); // 1.0 s → 206.2 s
    expect(fifo!['@_time']).toBe('25.000'); // 30 s → 55 s; the instance that never started counts nothing
    for (const s of suites) expect(Number(s['@_time'])).toBeLessThanOrEqual(Number(root['@_time']));
  });

  it('each test case has its own duration, and each suite the timestamp of its first start', () => {
    const { suites } = parse(renderJunit(overlapping()));
    const cases = suites.flatMap((s) => s.testcase as Array<Record<string, string>>);
    expect(Object.fromEntries(cases.map((c) => [c['@_name'], c['@_time']]))).toEqual({
      'retention#0': '75.000',
      'visibility#0': '205.000',
      'visibility#1': '198.000',
      'delay#0': '150.000',
      'body#0': '120.000',
      'order#0': '20.000',
      'order#1': '10.000',
      'lock#0': '0.000',
    });
    expect(suites.map((s) => s['@_timestamp'])).toEqual(['2026-03-01T10:00:01', '2026-03-01T10:00:30']);
    const props = (suites[0]!.properties as { property: Array<Record<string, string>> }).property;
    expect(props.find((p) => p['@_name'] === 'started')?.['@_value']).toBe('2026-03-01T10:00:00.250Z');
  });

  it('a report without start offsets (written before they existed) caps the sum at the run time', () => {
    const r = overlapping();
    for (const p of r.properties) delete p.startOffsetMs;
    const { suites } = parse(renderJunit(r));
    expect(suites[0]!['@_time']).toBe('212.000');
    expect(suites[1]!['@_time']).toBe('30.000');
    expect(suites[0]!['@_timestamp']).toBe('2026-03-01T10:00:00');
  });

  it('suiteSpan and junitTimestamp', () => {
    expect(suiteSpan([], 5)).toEqual({ ms: 0, startOffsetMs: 0 });
    expect(suiteSpan([{ durationMs: 10, startOffsetMs: 5 }, { durationMs: 1, startOffsetMs: 20 }], 100)).toEqual({ ms: 16, startOffsetMs: 5 });
    expect(junitTimestamp('not a date', 0)).toBe('not a date');
  });
});
