// What a run covered and what it did not, in every renderer: the suites and properties that ran
// (instances, those played for rule coverage), what was not run and why, the SQS actions called
// (per outcome), declared but never called, and not covered by the suites that ran; rule coverage.
import { describe, expect, it } from 'vitest';
import { coverageView, renderHtml, renderMarkdown, renderText, toJsonReport } from '../../src/report/index.js';
import { actionCoverage, countCalls } from '../../src/runner/coverage.js';
import type { ActionCalls, RunReport } from '../../src/runner/types.js';
import { ENGINE_ACTIONS } from '../../src/spec/index.js';
import { divergentOps, divergentReport } from './fixtures.js';

/** The divergent report with its calls counted the runner's way, a coverage instance and a skipped suite. */
function covered(): RunReport {
  const r = divergentReport();
  const counts = new Map<string, ActionCalls>();
  countCalls(counts, { ops: divergentOps() });
  countCalls(counts, { ops: divergentOps().slice(0, 4) });
  r.actions = actionCoverage(counts, [{ actions: ['CreateQueue', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility'] }]);
  r.properties.push({ ...r.properties[0]!, property: 'send-receive-delete#9', coverage: true });
  return r;
}

describe('counting calls', () => {
  it('per action and outcome, in API order; declared but not called; not covered', () => {
    const a = covered().actions!;
    expect(a.exercised).toEqual({
      SendMessage: { calls: 2, ok: 2, fail: 0, info: 0 },
      ReceiveMessage: { calls: 3, ok: 3, fail: 0, info: 0 },
      DeleteMessage: { calls: 1, ok: 0, fail: 1, info: 0 },
    });
    expect(a.notExercised).toEqual(['CreateQueue', 'ChangeMessageVisibility']);
    expect(a.notCovered).toHaveLength(ENGINE_ACTIONS.length - 5);
    expect(a.notCovered).toContain('PurgeQueue');
    expect(a.notCovered).not.toContain('SendMessage');
  });
});

describe('the coverage section', () => {
  it('view: suites and properties that ran, with instances and those for rule coverage', () => {
    const v = coverageView(covered());
    expect(v.ran).toEqual([
      { suite: 'lifecycle', instances: 3, properties: [{ name: 'send-receive-delete', instances: 2, forCoverage: 1 }, { name: 'visibility', instances: 1, forCoverage: 0 }] },
      { suite: 'errors', instances: 2, properties: [{ name: 'wrong <code> & "quotes"', instances: 1, forCoverage: 0 }, { name: 'undecided', instances: 1, forCoverage: 0 }] },
    ]);
    expect(v.skipped).toEqual([{ suite: 'fifo', properties: [], reason: 'target lacks capability fifo' }]);
  });

  it('text', () => {
    const t = renderText(covered());
    expect(t).toContain('Covered\n  lifecycle  send-receive-delete ×2 (1 for rule coverage), visibility ×1\n');
    expect(t).toContain('  SQS actions called (3):\n    SendMessage (2 calls: 2 ok) · ReceiveMessage (3 calls: 3 ok) · DeleteMessage (1 call: 1 fail)\n');
    expect(t).toContain('  declared by the suites that ran, never called: CreateQueue, ChangeMessageVisibility\n');
    expect(t).toMatch(/ {2}not covered by the suites that ran \(18\):\n {4}GetQueueUrl, ListQueues, /);
    expect(t).toContain('Not run\n  fifo (the whole suite)  target lacks capability fifo');
    expect(t).toContain('Rule coverage (1 rules exercised)');
  });

  it('markdown', () => {
    const m = renderMarkdown(covered());
    expect(m).toContain('### Covered\n\n- **lifecycle**: send-receive-delete ×2 (1 for rule coverage), visibility ×1\n');
    expect(m).toContain('- SQS actions called (3): `SendMessage` 2 calls: 2 ok; `ReceiveMessage` 3 calls: 3 ok; `DeleteMessage` 1 call: 1 fail\n');
    expect(m).toContain('- ⚠️ Declared by the suites that ran, never called: `CreateQueue`, `ChangeMessageVisibility`\n');
    expect(m).toContain('- Not covered by the suites that ran (18): `GetQueueUrl`,');
    expect(m).toContain('- **errors**: wrong &lt;code&gt; &amp; "quotes" ×1, undecided ×1');
  });

  it('html: suites run, not run, an actions table, not covered, rule coverage; escaped', () => {
    const page = renderHtml(covered());
    expect(page).toContain('<h2 id="coverage">Coverage</h2>');
    expect(page).toMatch(/<tr data-suite="lifecycle"><td>lifecycle<\/td><td class="num">3<\/td>/);
    expect(page).toContain('<table class="not-run" id="not-run">');
    expect(page).toContain('<tr><td>fifo</td><td><span class="muted">the whole suite</span></td><td>target lacks capability fifo</td></tr>');
    expect(page).toMatch(/<tr data-action="DeleteMessage" data-status="called">.*<td class="num calls">1<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
    expect(page).toMatch(/<tr data-action="CreateQueue" data-status="not-called">/);
    expect(page).toContain('<p id="not-covered">Not covered by the suites that ran (18): <code>GetQueueUrl</code>');
    expect(page).toContain('wrong &lt;code&gt; &amp; &quot;quotes&quot; ×1');
    expect(page.indexOf('id="coverage"')).toBeLessThan(page.indexOf('<h2>Rule coverage</h2>'));
  });

  it('json keeps the data', () => {
    const j = toJsonReport(covered());
    expect(j.actions?.exercised.DeleteMessage).toEqual({ calls: 1, ok: 0, fail: 1, info: 0 });
    expect(j.actions?.notExercised).toEqual(['CreateQueue', 'ChangeMessageVisibility']);
    expect(j.skipped).toEqual([{ suite: 'fifo', reason: 'target lacks capability fifo' }]);
    expect(j.properties.find((p) => p.property === 'send-receive-delete#9')?.coverage).toBe(true);
    expect(toJsonReport(divergentReport()).actions).toBeUndefined();
  });
});
