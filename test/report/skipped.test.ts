// What a run left out (RunReport.skipped) appears in the text and Markdown reports: one row per
// suite and reason, naming the properties, or the whole suite.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../src/report/index.js';
import type { RunReport } from '../../src/runner/types.js';
import { conformantReport } from './fixtures.js';

const report = (): RunReport => ({
  ...conformantReport(),
  skipped: [
    { suite: 'lifecycle', property: 'delay', reason: 'not selected (--property)' },
    { suite: 'lifecycle', property: 'retention', reason: 'not selected (--property)' },
    { suite: 'fifo', reason: 'target lacks capability fifo' },
    { suite: 'redrive', property: 'move|<b>', reason: 'target lacks capability dlq' },
  ],
});

describe('skipped suites and properties', () => {
  it('text: a "Not run" block', () => {
    const text = renderText(report());
    expect(text).toContain(['Not run', '  lifecycle/delay, retention  not selected (--property)', '  fifo (the whole suite)  target lacks capability fifo', '  redrive/move|<b>  target lacks capability dlq'].join('\n'));
    expect(renderText(conformantReport())).not.toContain('Not run');
  });

  it('markdown: a list, escaped', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('### Not run\n\n- **lifecycle**: delay, retention — not selected (--property)\n- **fifo** (the whole suite) — target lacks capability fifo\n');
    expect(md).toContain('- **redrive**: move\\|&lt;b&gt; — target lacks capability dlq');
    expect(renderMarkdown(conformantReport())).not.toContain('Not run');
  });
});
