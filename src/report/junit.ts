// JUnit XML: one <testsuite> per conformance suite, one <testcase> per property (classname
// `sqs-conformance.<target>.<suite>`), <failure> listing the divergences with their replay
// commands, <error> for a property that could not run or be decided. Built with fast-xml-parser's
// XMLBuilder, which escapes text and attributes; we only strip characters XML 1.0 cannot carry.
// Times are wall times: a test case's is its instance's duration; instances run concurrently, so a
// suite's is the span from its first instance's start to its last one's end (never their sum), and
// the whole file's is the run's.
import { XMLBuilder } from 'fast-xml-parser';
import type { PropertyResult, RunReport } from '../runner/types.js';
import { divergencesOf, explanationOf, formatSource, oneLine, propertyStatus, publicTarget } from './format.js';

// Characters XML 1.0 forbids (C0 controls but tab/newline/CR, U+FFFE/U+FFFF, lone surrogates).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/**
 * A suite's wall time and start: from its first instance's start to its last one's end. Without
 * start offsets (older reports) the span is unknown: the sum of the durations, capped by the run's.
 */
export function suiteSpan(props: readonly Pick<PropertyResult, 'durationMs' | 'startOffsetMs'>[], runMs: number): { ms: number; startOffsetMs: number } {
  const started = props.filter((p) => p.startOffsetMs !== undefined);
  if (started.length === 0) return { ms: Math.min(runMs, props.reduce((n, p) => n + p.durationMs, 0)), startOffsetMs: 0 };
  const from = Math.min(...started.map((p) => p.startOffsetMs!));
  const to = Math.max(...started.map((p) => p.startOffsetMs! + p.durationMs));
  return { ms: to - from, startOffsetMs: from };
}

/** JUnit's timestamp (the XSD's pattern: no zone, no fraction): UTC, `2025-01-01T00:00:03`; the ISO start when unparsable. */
export function junitTimestamp(startedAt: string, offsetMs: number): string {
  const t = Date.parse(startedAt);
  return Number.isFinite(t) ? new Date(t + offsetMs).toISOString().slice(0, 19) : startedAt;
}

type XmlNode = Record<string, unknown>;

export function renderJunit(report: RunReport): string {
  const target = publicTarget(report.target);
  const bySuite = new Map<string, PropertyResult[]>();
  for (const s of report.suites) bySuite.set(s, []);
  for (const p of report.properties) {
    const list = bySuite.get(p.suite) ?? [];
    list.push(p);
    bySuite.set(p.suite, list);
  }

  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites: XmlNode[] = [];
  for (const [suite, props] of bySuite) {
    const classname = xmlSafe(`sqs-conformance.${target.name}.${suite}`);
    let sFailures = 0;
    let sErrors = 0;
    let sSkipped = 0;
    const span = suiteSpan(props, report.durationMs);
    const cases = props.map((p) => {
      const status = propertyStatus(p);
      const tc: XmlNode = { '@_classname': classname, '@_name': xmlSafe(p.property), '@_time': seconds(p.durationMs) };
      if (status === 'not-run') {
        // Not run because the run stopped: skipped, never passed.
        sSkipped += 1;
        tc.skipped = { '@_message': xmlSafe(oneLine(p.notRun ?? 'not run')) };
      } else if (status === 'failed') {
        sFailures += 1;
        tc.failure = failureNode(report, p);
      } else if (status === 'error' || status === 'unknown') {
        sErrors += 1;
        const reason = status === 'error' ? (p.error ?? 'error') : p.verdict?.kind === 'unknown' ? p.verdict.reason : 'undecided';
        tc.error = {
          '@_message': xmlSafe(oneLine(reason)),
          '@_type': status === 'error' ? 'error' : 'unknown',
          '#text': xmlSafe(`${reason}\nreplay: ${p.replay}`),
        };
      }
      tc['system-out'] = xmlSafe(`seed=${p.seed}${p.path !== undefined ? ` path=${p.path}` : ''} runs=${p.runs} shrinks=${p.shrinks}\nreplay: ${p.replay}`);
      return tc;
    });
    tests += props.length;
    failures += sFailures;
    errors += sErrors;
    suites.push({
      '@_name': classname,
      '@_tests': String(props.length),
      '@_failures': String(sFailures),
      '@_errors': String(sErrors),
      '@_skipped': String(sSkipped),
      '@_time': seconds(span.ms),
      '@_timestamp': xmlSafe(junitTimestamp(report.startedAt, span.startOffsetMs)),
      properties: {
        property: [
          { '@_name': 'target', '@_value': xmlSafe(target.name) },
          { '@_name': 'endpoint', '@_value': xmlSafe(target.endpoint) },
          { '@_name': 'protocol', '@_value': target.protocol },
          { '@_name': 'region', '@_value': xmlSafe(target.region) },
          { '@_name': 'seed', '@_value': String(report.seed) },
          { '@_name': 'started', '@_value': xmlSafe(report.startedAt) },
          { '@_name': 'strictness', '@_value': report.strictness },
          { '@_name': 'verdict', '@_value': report.verdict === 'interrupted' ? 'INTERRUPTED' : report.verdict },
          ...(report.runId !== undefined ? [{ '@_name': 'run', '@_value': xmlSafe(report.runId) }] : []),
          ...(report.stopped ? [{ '@_name': 'stopped', '@_value': xmlSafe(oneLine(report.stopped.detail)) }] : []),
          ...((report.gaps ?? []).length > 0 ? [{ '@_name': 'rules-not-exercised', '@_value': xmlSafe((report.gaps ?? []).join(',')) }] : []),
        ],
      },
      testcase: cases,
    });
  }

  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': xmlSafe(`sqs-conformance.${target.name}`),
      '@_tests': String(tests),
      '@_failures': String(failures),
      '@_errors': String(errors),
      '@_time': seconds(report.durationMs),
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: true,
  });
  return `${builder.build(doc) as string}`.replace(/\n*$/, '\n');
}

function failureNode(report: RunReport, p: PropertyResult): XmlNode {
  const ds = divergencesOf(report, p);
  const ids = [...new Set(ds.map((d) => d.id))];
  const message =
    ds.length === 0
      ? 'property failed'
      : `${ds.length} divergence${ds.length === 1 ? '' : 's'}: ${ids.join(', ')}`;
  const body: string[] = [];
  for (const d of ds) {
    body.push(`${d.id} [${d.strictness}, ${d.grade}]: ${d.summary}`);
    body.push(`  source: ${formatSource(d.rule)}`);
    for (const e of explanationOf(report, d)) body.push(`  ${e}`);
    body.push(`  replay: ${d.replay}`);
  }
  if (ds.length === 0) body.push(`replay: ${p.replay}`);
  return {
    '@_message': xmlSafe(oneLine(message)),
    '@_type': 'divergent',
    '#text': xmlSafe(body.join('\n')),
  };
}
