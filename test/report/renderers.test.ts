import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  REPORT_FILES,
  compactFields,
  formatDuration,
  mdCell,
  mdCode,
  propertyRows,
  redactEndpoint,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderText,
  renderers,
  scrub,
  xmlSafe,
} from '../../src/report/index.js';
import { REPORT_SCHEMA_VERSION } from '../../src/runner/types.js';
import { FAKE_SECRET, LONG_BODY, conformantReport, divergentReport, reportWithSmuggledSecret } from './fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

// eslint-disable-next-line no-control-regex
const ESC = /\u001b/;

describe('renderText', () => {
  it('shows the header, every property and a conformant verdict', () => {
    const t = renderText(conformantReport());
    expect(t).toContain('reference');
    expect(t).toContain('http://127.0.0.1:9324');
    expect(t).toContain('seed        42');
    expect(t).toContain('strictness  typical');
    expect(t).toContain('suites      lifecycle');
    expect(t).toContain('1.2 s');
    expect(t).toContain('CONFORMANT');
    expect(t).toMatch(/PASSED\s+lifecycle\/send-receive-delete\s+100 runs, 0 shrinks/);
    expect(t).toMatch(/PASSED\s+lifecycle\/visibility/);
    expect(t).not.toContain('Divergences');
    expect(t).not.toMatch(ESC);
  });

  it('shows each divergence with rule, source, story, timeline and replay command', () => {
    const r = divergentReport();
    const t = renderText(r);
    expect(t).toContain('DIVERGENT');
    expect(t).toMatch(/FAILED\s+lifecycle\/visibility.*37 runs, 12 shrinks.*visibility\.redelivered-early/);
    expect(t).toMatch(/ERROR\s+errors\/wrong <code>.*ECONNREFUSED/);
    expect(t).toMatch(/UNKNOWN\s+errors\/undecided.*search budget exhausted/);
    expect(t).toContain('1. visibility.redelivered-early  [typical, definite]');
    expect(t).toContain('rule:    A received message stays invisible');
    expect(t).toContain('source:  sqs-semantics.md § 5.3; 14 N1 (documented)');
    expect(t).toContain('Let op 2 (p1 ReceiveMessage, 1010 ms–1020 ms) receive m1 with VisibilityTimeout 30 s (receive 1).');
    expect(t).toContain('Then op 4 (p2 ReceiveMessage, 1500 ms–1510 ms) returned m1 at most at 1560 ms');
    expect(t).toContain(`replay:  ${r.divergences[0]!.replay}`);
    expect(t).toContain('(explained by visibility.redelivered-early)');
    // timeline: relative ms, process, f, type
    expect(t).toMatch(/\+0\.0ms\s+p0\s+SendMessage\s+invoke/);
    expect(t).toMatch(/\+3\.3ms\s+p0\s+SendMessage\s+ok\s+MessageId="m-1"/);
    expect(t).toMatch(/\+500\.0ms\s+p2\s+ReceiveMessage\s+invoke/);
    expect(t).toMatch(/fail\s+ReceiptHandleIsInvalid \(400\)/);
    // long body truncated, QueueUrl dropped
    expect(t).not.toContain(LONG_BODY.slice(0, 200));
    expect(t).toContain('(5000 chars)');
    expect(t).not.toContain('QueueUrl');
    // an ANSI escape in a body never reaches the terminal raw
    expect(t).not.toMatch(ESC);
    expect(t).toContain('Divergent: 2 divergences (2 distinct ids).');
  });

  it('colours only when asked', () => {
    expect(renderText(divergentReport(), { color: true })).toMatch(ESC);
    expect(renderText(divergentReport(), { color: false })).not.toMatch(ESC);
    expect(renderers.text(divergentReport())).not.toMatch(ESC);
  });

  it('scrubs control characters from every target-controlled string', () => {
    const r = divergentReport();
    r.divergences[0]!.summary = 'bad \u001b]0;pwned\u0007 summary';
    r.divergences[0]!.bindings = { ...r.divergences[0]!.bindings, because: 'line \u001b[31mred' };
    r.properties[2]!.error = 'oops \u009b2J';
    const t = renderText(r);
    expect(t).not.toMatch(ESC);
    expect(t).not.toContain('\u009b');
    expect(t).toContain('\\u001b]0;pwned');
  });
});

describe('renderJson', () => {
  it('has the schema fields for a conformant run', () => {
    const j = JSON.parse(renderJson(conformantReport()));
    expect(j.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(j.target).toEqual({ name: 'reference', endpoint: 'http://127.0.0.1:9324', protocol: 'json', region: 'us-east-1' });
    expect(j.seed).toBe(42);
    expect(j.verdict).toBe('conformant');
    expect(j.strictness).toBe('typical');
    expect(j.durationMs).toBe(1234);
    expect(j.divergences).toEqual([]);
    expect(j.properties).toHaveLength(2);
    expect(j.properties[0]).toMatchObject({ suite: 'lifecycle', property: 'send-receive-delete', status: 'passed', runs: 100, shrinks: 0 });
  });

  it('carries divergences with op records, rule, explanation, property, suite and replay', () => {
    const r = divergentReport();
    const j = JSON.parse(renderJson(r));
    expect(j.verdict).toBe('divergent');
    const d = j.divergences[0];
    for (const k of ['id', 'summary', 'strictness', 'grade', 'ops', 'replay', 'rule', 'explanation', 'property', 'suite']) expect(d).toHaveProperty(k);
    expect(d.ops).toHaveLength(8);
    expect(d.ops[0]).toMatchObject({ index: 0, type: 'invoke', f: 'SendMessage', process: 'p0' });
    expect(d.ops[0].value.MessageBody).toBe(LONG_BODY); // JSON keeps the full record
    expect(d.opIndices).toEqual([2, 3, 4, 5]);
    expect(d.rule).toMatchObject({ file: 'sqs-semantics.md', section: '5.3; 14 N1', evidence: 'documented' });
    expect(d.rule.text).toMatch(/stays invisible/);
    expect(d.replay).toBe(r.divergences[0]!.replay);
    expect(j.divergences[1].impliedBy).toBe('visibility.redelivered-early');
    expect(j.properties.map((p: { status: string }) => p.status)).toEqual(['passed', 'failed', 'error', 'unknown']);
    expect(j.properties[1].path).toBe('3:0:1');
    expect(j.properties[1].counterexample.history.ops).toHaveLength(8);
    expect(j.properties[1].verdict).toEqual({ kind: 'divergent', checked: { ops: 8, messages: 1, searchNodes: 12 } });
  });

  it('encodes bytes as base64', () => {
    const r = divergentReport();
    (r.divergences[0]!.opRecords[0]!.value as Record<string, unknown>).Bin = new Uint8Array([1, 2, 3]);
    (r.divergences[0]!.opRecords[0]!.value as Record<string, unknown>).Buf = Buffer.from([255]);
    const j = JSON.parse(renderJson(r));
    expect(j.divergences[0].ops[0].value.Bin).toEqual({ $base64: 'AQID' });
    expect(j.divergences[0].ops[0].value.Buf).toEqual({ $base64: '/w==' });
  });
});

describe('renderJunit', () => {
  it('parses, with one testcase per property and the right counts', () => {
    const xml = renderJunit(divergentReport());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml);
    const root = doc.testsuites;
    expect(root['@_tests']).toBe('4');
    expect(root['@_failures']).toBe('1');
    expect(root['@_errors']).toBe('2');
    const suites = root.testsuite as Array<Record<string, unknown>>;
    expect(suites.map((s) => s['@_name'])).toEqual(['sqs-conformance.elastic.lifecycle', 'sqs-conformance.elastic.errors']);
    const cases = suites.flatMap((s) => s.testcase as Array<Record<string, unknown>>);
    expect(cases).toHaveLength(4);
    expect(cases.map((c) => c['@_classname'])).toEqual([
      'sqs-conformance.elastic.lifecycle',
      'sqs-conformance.elastic.lifecycle',
      'sqs-conformance.elastic.errors',
      'sqs-conformance.elastic.errors',
    ]);
    expect(cases.map((c) => c['@_name'])).toEqual(['send-receive-delete', 'visibility', 'wrong <code> & "quotes"', 'undecided']);
    expect(cases[0]!.failure).toBeUndefined();
    const failure = cases[1]!.failure as Record<string, string>;
    expect(failure['@_message']).toBe('2 divergences: visibility.redelivered-early, error.wrong-code');
    expect(failure['#text']).toContain('visibility.redelivered-early [typical, definite]');
    expect(failure['#text']).toContain('Error code differs: got <Foo> & "bar" | with `ticks`');
    expect(failure['#text']).toContain('replay: sqs-conformance run --target elastic --suite lifecycle --seed 7 --replay visibility:3:0:1');
    const error = cases[2]!.error as Record<string, string>;
    expect(error['@_message']).toBe('connect ECONNREFUSED 127.0.0.1:9325 <&"> | `tick`');
    expect((cases[3]!.error as Record<string, string>)['@_message']).toBe('search budget exhausted');
  });

  it('escapes <, & and " in the raw XML and drops characters XML cannot carry', () => {
    const r = divergentReport();
    r.properties[2]!.error = 'bell \u0007 and <&">';
    const xml = renderJunit(r);
    expect(xml).toContain('&lt;&amp;&quot;&gt;');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('<code>');
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('is valid for a conformant run', () => {
    const xml = renderJunit(conformantReport());
    const doc = parser.parse(xml);
    expect(doc.testsuites['@_tests']).toBe('2');
    expect(doc.testsuites['@_failures']).toBe('0');
    expect(doc.testsuites['@_errors']).toBe('0');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('xmlSafe keeps valid pairs and replaces lone surrogates', () => {
    expect(xmlSafe('a😀b')).toBe('a😀b');
    expect(xmlSafe('a\uD800b')).toBe('a\\ud800b');
  });
});

describe('renderMarkdown', () => {
  it('has a verdict line and a property table', () => {
    const md = renderMarkdown(conformantReport());
    expect(md).toContain('✅ **Conformant**: 2/2 properties passed, 0 divergences');
    expect(md).toContain('| Suite | Property | Result |');
    expect(md).toContain('| lifecycle | send-receive-delete | ✅ passed | 100 | 0 |');
    expect(md).not.toContain('### Divergences');
  });

  it('escapes pipes and backticks so every table row keeps its columns', () => {
    const md = renderMarkdown(divergentReport());
    expect(md).toContain('❌ **Divergent**');
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const cells = (row: string): number => row.replace(/\\\|/g, '').split('|').length - 2;
    const propRows = rows.slice(0, 6);
    for (const row of propRows) expect(cells(row)).toBe(7);
    const divRows = rows.slice(6);
    expect(divRows).toHaveLength(4);
    for (const row of divRows) expect(cells(row)).toBe(6);
    expect(md).toContain('Error code differs: got &lt;Foo&gt; &amp; "bar" \\| with \\`ticks\\`');
    // the replay command in a code span; its backticks force a longer fence and its pipe is escaped
    expect(md).toContain("`` sqs-conformance run --replay 'visibility:3:0:1' --note a\\|b`c` ``");
    expect(md).toContain('`sqs-conformance run --target elastic --suite lifecycle --seed 7 --replay visibility:3:0:1`');
    expect(md).toContain('`visibility.redelivered-early`');
  });

  it('mdCell and mdCode', () => {
    expect(mdCell('a|b`c\nd')).toBe('a\\|b\\`c d');
    expect(mdCode('x`y')).toBe('``x`y``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });
});

describe('credentials never leak', () => {
  it('no renderer prints anything of the target but name, endpoint (redacted), protocol, region', () => {
    const r = reportWithSmuggledSecret();
    for (const [kind, render] of Object.entries(renderers)) {
      const out = render(r);
      expect(out, kind).not.toContain(FAKE_SECRET);
      expect(out, kind).not.toContain(encodeURIComponent(FAKE_SECRET));
      expect(out, kind).not.toContain('AKIAFAKE');
      expect(out, kind).not.toContain('secretAccessKey');
      expect(out, kind).toContain('localhost:9325');
    }
    expect(Object.keys(JSON.parse(renderJson(r)).target).sort()).toEqual(['endpoint', 'name', 'protocol', 'region']);
  });

  it('redactEndpoint drops user info, query and fragment', () => {
    expect(redactEndpoint('https://u:p@sqs.us-east-1.amazonaws.com/?t=1#x')).toBe('https://sqs.us-east-1.amazonaws.com');
    expect(redactEndpoint('http://127.0.0.1:9324')).toBe('http://127.0.0.1:9324');
    expect(redactEndpoint('weird://user:pw@host')).toBe('weird://host');
  });
});

describe('helpers', () => {
  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
  });

  it('compactFields shortens strings and handles, caps arrays and line length', () => {
    const s = compactFields({ QueueUrl: 'u', ReceiptHandle: 'h'.repeat(100), Messages: [1, 2, 3, 4, 5, 6] });
    expect(s).toBe('ReceiptHandle="hhhhhhhhhhhh"…(100 chars) Messages=[1, 2, 3, 4, …+2]');
    expect(compactFields({ A: 'y'.repeat(1000), B: 'z'.repeat(1000), C: 'w'.repeat(1000), D: 'v'.repeat(1000), E: 1 }, 100).length).toBeLessThanOrEqual(100);
  });

  it('a long body keeps the character SQS rejects in view, escaped (sqs-semantics.md 6.1)', () => {
    const nul = compactFields({ MessageBody: `${'a'.repeat(60)}\u0000tail` });
    expect(nul).toContain('\\u0000');
    expect(nul).toContain('rejected character at 60');
    expect(compactFields({ MessageBody: `${'b'.repeat(60)}\ufffetail` })).toContain('\\ufffe');
    expect(compactFields({ MessageBody: `${'c'.repeat(60)}\ud800tail` })).toContain('\\ud800');
    expect(compactFields({ MessageBody: 'x\ufffey' })).toBe('MessageBody="x\\ufffey"');
    // Allowed characters, astral ones included, are cut as before.
    expect(compactFields({ MessageBody: '\u{1F600}'.repeat(30) })).not.toContain('rejected');
    expect(compactFields({ MessageBody: 'ok'.repeat(40) })).toBe(`MessageBody=${JSON.stringify('ok'.repeat(16))}…(80 chars)`);
  });

  it('scrub keeps newlines and tabs, escapes the rest', () => {
    expect(scrub('a\tb\nc\u001bd\u007f')).toBe('a\tb\nc\\u001bd\\u007f');
  });

  it('names the report files', () => {
    expect(REPORT_FILES).toEqual({ text: 'report.txt', json: 'report.json', junit: 'report.junit.xml', md: 'report.md', html: 'report.html' });
  });
});

describe('property instances', () => {
  function instancesReport() {
    const r = divergentReport();
    const base = r.properties[0]!;
    r.properties = [
      { ...base, property: 'visibility#0', runs: 1, durationMs: 100 },
      { ...base, property: 'visibility#1', runs: 1, durationMs: 300 },
      { ...r.properties[1]!, property: 'visibility#2' },
      { ...base, property: 'visibility#3', runs: 1, durationMs: 200 },
      { ...base, suite: 'errors', property: 'codes#0', runs: 1 },
    ];
    r.divergences = r.divergences.map((d) => ({ ...d, property: 'visibility#2' }));
    return r;
  }

  it('merges passing instances of a property and keeps the others apart', () => {
    const rows = propertyRows(instancesReport().properties);
    expect(rows.map((x) => [x.suite, x.name, x.status, x.results.length, x.runs, x.durationMs])).toEqual([
      ['lifecycle', 'visibility', 'passed', 3, 3, 300],
      ['lifecycle', 'visibility#2', 'failed', 1, 37, 40_000],
      ['errors', 'codes#0', 'passed', 1, 1, 1000],
    ]);
  });

  it('text and markdown list merged rows; JUnit keeps one testcase per instance', () => {
    const r = instancesReport();
    const t = renderText(r);
    expect(t).toMatch(/PASSED\s+lifecycle\/visibility\s+3 instances, 3 runs, 0 shrinks, 300 ms/);
    expect(t).toMatch(/FAILED\s+lifecycle\/visibility#2\s+37 runs.*visibility\.redelivered-early/);
    const md = renderMarkdown(r);
    expect(md).toContain('| lifecycle | visibility | ✅ passed | 3 | 0 | 300 ms | 3 instances |');
    expect(md).toContain('| lifecycle | visibility#2 | ❌ failed |');
    const doc = parser.parse(renderJunit(r));
    expect(doc.testsuites['@_tests']).toBe('5');
  });
});
