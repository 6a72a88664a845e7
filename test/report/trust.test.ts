// An interrupted run says so in every format, lists what did not run (never as passed), names its
// run id, shows rule coverage with its gaps, and lost calls with the messages they left undecided.
import { describe, expect, it } from 'vitest';
import { countProperties, countsText, renderers, renderJson, renderText, toJsonReport } from '../../src/report/index.js';
import { exitCodeFor } from '../../src/cli/index.js';
import { conformantReport, interruptedReport } from './fixtures.js';

describe('an interrupted run', () => {
  it('every format says INTERRUPTED and names the run', () => {
    const r = interruptedReport();
    for (const [kind, render] of Object.entries(renderers)) {
      const out = render(r);
      // report.json keeps its lower-case verdict values, with `interrupted: true` beside them.
      if (kind === 'json') expect(JSON.parse(out)).toMatchObject({ verdict: 'interrupted', interrupted: true });
      else expect(out, kind).toContain('INTERRUPTED');
      expect(out, kind).toContain('a1b2c3');
    }
  });

  it('counts unfinished properties as not run, never as passed', () => {
    const c = countProperties(interruptedReport().properties);
    expect(c).toMatchObject({ total: 3, passed: 1, 'not-run': 2 });
    expect(countsText(c)).toBe('3: 1 passed, 0 failed, 0 error, 0 unknown, 2 not run');
    const text = renderText(interruptedReport());
    expect(text).toMatch(/verdict +INTERRUPTED/);
    expect(text).toMatch(/stopped +interrupted \(interrupted by SIGINT\)/);
    expect(text).toMatch(/NOT-RUN +lifecycle\/retention#0/i);
    expect(text).toContain('Interrupted: 2 scenarios not run; 0 divergences found before the interrupt.');
  });

  it('report.json has the fields: verdict, interrupted, stopped, run id, statuses', () => {
    const j = toJsonReport(interruptedReport());
    expect(j).toMatchObject({ verdict: 'interrupted', interrupted: true, runId: 'a1b2c3', stopped: { reason: 'interrupted' }, gaps: ['retention.expired-late'], calls: { total: 120, lost: 2 } });
    expect(j.properties.map((p) => p.status)).toEqual(['passed', 'not-run', 'not-run']);
    expect(j.properties[0]!.undecided).toEqual(['m3']);
    expect(JSON.parse(renderJson(conformantReport())).interrupted).toBe(false);
  });

  it('exits 130', () => {
    expect(exitCodeFor(interruptedReport())).toBe(130);
  });
});

describe('rule coverage and lost calls', () => {
  it('the text report lists how often each rule was exercised and the rules that were not', () => {
    const text = renderText(interruptedReport());
    expect(text).toContain('Rule coverage (2 rules exercised, 1 not)');
    expect(text).toContain('message.lost ×9');
    expect(text).toContain('not exercised (judged nothing): retention.expired-late');
  });

  it('lost calls and undecided messages are shown, not hidden', () => {
    const text = renderText(interruptedReport());
    expect(text).toContain('2 of 120 calls lost');
    expect(text).toContain('1 message undecided');
  });

  it('markdown, HTML and JUnit carry the gaps', () => {
    const r = interruptedReport();
    expect(renderers.md(r)).toContain('Not exercised (these rules judged nothing): `retention.expired-late`');
    expect(renderers.html(r)).toContain('retention.expired-late');
    expect(renderers.junit(r)).toContain('name="rules-not-exercised" value="retention.expired-late"');
    expect(renderers.junit(r)).toMatch(/<skipped message="not run: the run was interrupted"/);
  });
});
