// Baselines with hand-built reports: matching by id and scope (instance suffix ignored), vanished
// entries only for properties that ran, updates that keep reasons and record only what was seen.
import { describe, expect, it } from 'vitest';
import {
  BASELINE_SCHEMA_VERSION,
  compareWithBaseline,
  COVERAGE_ONLY_NOTE,
  emptyBaseline,
  observedReason,
  parseBaseline,
  serializeBaseline,
  updateBaseline,
  withinBaseline,
  type Baseline,
} from '../../src/runner/baseline.js';
import { propertyResult, reportedDivergence, runReport } from './fixtures.js';

const prop = propertyResult;
const div = reportedDivergence;

const report = runReport;

const entry = (id: string, property: string, reason = 'known', since = '2025-01-01') => ({ id, scope: { suite: 'lifecycle', property }, reason, since });
const baseline = (...entries: ReturnType<typeof entry>[]): Baseline => ({ schemaVersion: BASELINE_SCHEMA_VERSION, target: 'fauxqs', entries });

describe('compareWithBaseline', () => {
  it('matches by id and property scope, ignoring the #N instance suffix', () => {
    const r = report(
      [prop('visibility#0', false), prop('visibility#3', false), prop('delay#0', true)],
      [div('visibility.redelivered-early', 'visibility#0'), div('visibility.redelivered-early', 'visibility#3')],
    );
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility')));
    expect(c.newDivergences).toEqual([]);
    expect(c.acknowledged).toHaveLength(1);
    expect(c.acknowledged[0]!.divergences.map((d) => d.property)).toEqual(['visibility#0', 'visibility#3']);
    expect(c.vanished).toEqual([]);
    expect(withinBaseline(c)).toBe(true);
  });

  it('the same id in another property of the suite is acknowledged (seen elsewhere); in another suite it is new', () => {
    const r = report(
      [prop('visibility#0', false), prop('delay#0', false)],
      [div('visibility.redelivered-early', 'delay#0'), div('visibility.redelivered-early', 'visibility#0', 'other')],
    );
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility')));
    expect(c.newDivergences.map((d) => `${d.suite}/${d.property}`)).toEqual(['other/visibility#0']);
    expect(c.acknowledged).toEqual([{ entry: entry('visibility.redelivered-early', 'visibility'), divergences: [r.divergences[0]], elsewhere: ['delay'] }]);
    expect(c.vanished).toEqual([]);
    expect(withinBaseline(c)).toBe(false);
  });

  it('an entry whose id occurred in no property of its suite has vanished, even when another suite shows it', () => {
    const r = report([prop('visibility#0', true), prop('delay#0', false)], [div('visibility.redelivered-early', 'visibility#0', 'other')]);
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility')));
    expect(c.vanished.map((e) => e.id)).toEqual(['visibility.redelivered-early']);
  });

  it('an entry whose property ran without it has vanished (and makes the run fail)', () => {
    const r = report([prop('visibility#0', true), prop('visibility#1', true)], []);
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility')));
    expect(c.vanished.map((e) => e.id)).toEqual(['visibility.redelivered-early']);
    expect(withinBaseline(c)).toBe(false);
  });

  it('entries of properties that did not run (a --suite or --replay subset) are not judged', () => {
    const r = report([prop('delay#0', true)], []);
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility'), entry('message.lost', 'retention')));
    expect(c.vanished).toEqual([]);
    expect(c.notRun.map((e) => e.scope.property)).toEqual(['retention', 'visibility']);
    expect(withinBaseline(c)).toBe(true);
  });

  it('a property that only errored or could not be decided did not run', () => {
    const r = report(
      [
        prop('visibility#0', false, { error: 'connect ECONNREFUSED' }),
        prop('retention#0', false, { verdict: { kind: 'unknown', reason: 'budget', checked: { ops: 0, messages: 0, searchNodes: 0, exercised: {} } } }),
      ],
      [],
    );
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility'), entry('message.lost', 'retention')));
    expect(c.vanished).toEqual([]);
    expect(c.notRun).toHaveLength(2);
  });

  it('an intermittent entry: acknowledged when it occurs, dormant (not vanished) when it does not', () => {
    const flaky = { ...entry('delay.invisible-too-long', 'delay', 'seen in 2 of 3 runs'), intermittent: true };
    const absent = compareWithBaseline(report([prop('delay#0', true)], []), baseline(flaky));
    expect(absent.vanished).toEqual([]);
    expect(absent.dormant).toEqual([flaky]);
    expect(withinBaseline(absent)).toBe(true);
    const present = compareWithBaseline(report([prop('delay#0', false)], [div('delay.invisible-too-long', 'delay#0')]), baseline(flaky));
    expect(present.acknowledged.map((a) => a.entry)).toEqual([flaky]);
    expect(present.dormant).toEqual([]);
    // An update keeps it either way, with its mark.
    expect(updateBaseline(report([prop('delay#0', true)], []), baseline(flaky), '2025-05-05').entries).toEqual([flaky]);
    const text = serializeBaseline(baseline(flaky));
    expect(text).toContain('"intermittent": true');
    expect(parseBaseline(text)).toEqual({ ok: true, value: baseline(flaky) });
    expect(serializeBaseline(baseline(entry('a', 'p')))).not.toContain('intermittent');
  });

  it('an empty baseline makes every divergence new', () => {
    const r = report([prop('visibility#0', false)], [div('message.lost', 'visibility#0')]);
    const c = compareWithBaseline(r, emptyBaseline('fauxqs'));
    expect(c.newDivergences).toHaveLength(1);
    expect(c.acknowledged).toEqual([]);
  });
});

describe('updateBaseline', () => {
  it('records what was observed, keeps existing reasons and dates, drops vanished, keeps entries not run', () => {
    const previous = baseline(
      entry('visibility.redelivered-early', 'visibility', 'fauxqs redelivers at the deadline; upstream issue 12', '2024-06-01'),
      entry('delay.visible-early', 'delay', 'gone since 1.9', '2024-01-01'),
      entry('message.lost', 'retention', 'retention is not enforced', '2024-02-02'),
    );
    const r = report(
      [prop('visibility#0', false), prop('visibility#1', false), prop('delay#0', true), prop('long-poll#0', false)],
      [
        div('visibility.redelivered-early', 'visibility#0'),
        div('visibility.redelivered-early', 'visibility#1'),
        div('receive.empty-while-visible', 'long-poll#0'),
        div('receive.empty-while-visible', 'long-poll#0'),
      ],
    );
    const next = updateBaseline(r, previous, '2025-03-04');
    expect(next.target).toBe('fauxqs');
    // delay.visible-early vanished (delay ran and passed): dropped. Sorted by suite, property, id.
    expect(next.entries).toEqual([
      { id: 'receive.empty-while-visible', scope: { suite: 'lifecycle', property: 'long-poll' }, reason: observedReason('2025-03-04'), since: '2025-03-04' },
      entry('message.lost', 'retention', 'retention is not enforced', '2024-02-02'),
      entry('visibility.redelivered-early', 'visibility', 'fauxqs redelivers at the deadline; upstream issue 12', '2024-06-01'),
    ]);
    expect(observedReason('2025-03-04')).toBe('observed 2025-03-04; investigate');
    // The updated baseline holds exactly what was observed: comparing again is within.
    expect(withinBaseline(compareWithBaseline(r, next))).toBe(true);
  });

  it('a divergence only rule-coverage instances showed is recorded intermittent (another run of the seed may not play them)', () => {
    const r = report(
      [prop('visibility#0', false), prop('visibility#3', false, { coverage: true }), prop('delay#2', false, { coverage: true }), prop('delay#0', false)],
      [div('message.lost', 'visibility#3'), div('delay.visible-early', 'delay#2'), div('delay.visible-early', 'delay#0')],
    );
    const next = updateBaseline(r, undefined, '2025-03-04');
    const lost = next.entries.find((e) => e.id === 'message.lost')!;
    expect(lost.intermittent).toBe(true);
    expect(lost.reason).toBe(`${observedReason('2025-03-04')} ${COVERAGE_ONLY_NOTE}`);
    // Also shown by a regular instance: a plain entry.
    expect(next.entries.find((e) => e.id === 'delay.visible-early')).toEqual({ id: 'delay.visible-early', scope: { suite: 'lifecycle', property: 'delay' }, reason: observedReason('2025-03-04'), since: '2025-03-04' });
    // A later run that does not play visibility#3 finds the entry dormant, not vanished.
    const c = compareWithBaseline(report([prop('visibility#0', true), prop('delay#0', false)], [div('delay.visible-early', 'delay#0')]), next);
    expect(c.vanished).toEqual([]);
    expect(c.dormant.map((e) => e.id)).toEqual(['message.lost']);
  });

  it('without a previous baseline, starts one named after the report target', () => {
    const r = report([prop('visibility#0', false)], [div('message.lost', 'visibility#0')]);
    const next = updateBaseline(r, undefined, '2025-01-02');
    expect(next).toEqual({
      schemaVersion: BASELINE_SCHEMA_VERSION,
      target: 'fauxqs',
      entries: [{ id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'observed 2025-01-02; investigate', since: '2025-01-02' }],
    });
  });

  it('a conformant run empties a baseline whose properties all ran', () => {
    const r = report([prop('visibility#0', true)], []);
    expect(updateBaseline(r, baseline(entry('message.lost', 'visibility')), '2025-01-02').entries).toEqual([]);
  });
});

describe('baseline files', () => {
  it('serialises sorted and stable, and parses back', () => {
    const b = baseline(entry('z.id', 'visibility'), entry('a.id', 'visibility'), entry('m.id', 'delay'));
    const text = serializeBaseline(b);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = parseBaseline(text, 'f.json');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.entries.map((e) => e.id)).toEqual(['m.id', 'a.id', 'z.id']);
    expect(serializeBaseline(parsed.ok ? parsed.value : b)).toBe(text);
  });

  it.each([
    ['not json', /f\.json: not valid JSON/],
    ['[]', /not a JSON object/],
    ['{"schemaVersion":2,"target":"x","entries":[]}', /schemaVersion must be 1/],
    ['{"schemaVersion":1,"entries":[]}', /"target" must be a target name/],
    ['{"schemaVersion":1,"target":"x"}', /"entries" must be an array/],
    ['{"schemaVersion":1,"target":"x","entries":[{"id":"a","scope":{"suite":"s"},"reason":"r","since":"2025-01-01"}]}', /entries\[0\]: "scope"/],
    ['{"schemaVersion":1,"target":"x","entries":[{"id":"a","scope":{"suite":"s","property":"p#2"},"reason":"r","since":"2025-01-01"}]}', /not an instance/],
    ['{"schemaVersion":1,"target":"x","entries":[{"id":"a","scope":{"suite":"s","property":"p"},"reason":"","since":"2025-01-01"}]}', /"reason" must say why/],
    ['{"schemaVersion":1,"target":"x","entries":[{"id":"a","scope":{"suite":"s","property":"p"},"reason":"r","since":"soon"}]}', /"since" must be a date/],
    ['{"schemaVersion":1,"target":"x","entries":[{"id":"a","scope":{"suite":"s","property":"p"},"reason":"r","since":"2025-01-01","intermittent":"yes"}]}', /"intermittent" must be true or false/],
    [
      '{"schemaVersion":1,"target":"x","entries":[{"id":"a","scope":{"suite":"s","property":"p"},"reason":"r","since":"2025-01-01"},{"id":"a","scope":{"suite":"s","property":"p"},"reason":"r2","since":"2025-01-01"}]}',
      /entries\[1\]: duplicate entry a for s\/p/,
    ],
  ])('rejects %s', (text, error) => {
    const r = parseBaseline(text, 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('reports of an entry seen in another property', () => {
  it('text, Markdown and JSON say where it was seen', async () => {
    const { renderText, renderMarkdown, toJsonBaseline } = await import('../../src/report/index.js');
    const r = report([prop('visibility#0', false), prop('delay#0', false)], [div('visibility.redelivered-early', 'delay#0')]);
    const c = compareWithBaseline(r, baseline(entry('visibility.redelivered-early', 'visibility')));
    expect(renderText(r, { baseline: c, color: false })).toMatch(/acknowledged visibility\.redelivered-early {2}lifecycle\/visibility {2}×1 {2}seen in lifecycle\/delay/);
    expect(renderMarkdown(r, { baseline: c })).toContain('| acknowledged | `visibility.redelivered-early` | lifecycle/visibility (seen in lifecycle/delay) | 1 |');
    expect(toJsonBaseline(c).acknowledged[0]).toMatchObject({ id: 'visibility.redelivered-early', occurrences: 1, elsewhere: ['delay'] });
  });
});
