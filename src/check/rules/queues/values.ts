// How an attribute value read back is compared with the model's (the queue-management oracle):
// counters by format only (sqs-semantics.md 14 N6), timestamps as epoch seconds within the clock
// tolerance of the call that set them (section 3), JSON attributes by content (a number and a
// numeric string are one value, as SQS reads maxReceiveCount), policies built by AddPermission
// statement by statement (aws-recorded-facts.md A10 item 103: the Id is masked), the rest exactly.
// PURE.
/** When something happened, on our wall clock (ms): a call's invoke to its completion. */
export interface OracleWindow {
  from: number;
  to: number;
}

const COUNTERS = new Set(['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);
const JSON_ATTRIBUTES = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy']);
/** Epoch seconds (10 digits until 2286); milliseconds (13 digits) are the common mistake. */
const EPOCH_SECONDS = /^\d{1,11}$/;

/** JSON text with keys sorted and numeric strings read as numbers; undefined when not JSON. */
export function canonicalJson(text: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const walk = (x: unknown): string => {
    if (Array.isArray(x)) return `[${x.map(walk).join(',')}]`;
    if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      return `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${walk(o[k])}`)
        .join(',')}}`;
    }
    if (typeof x === 'string' && /^-?\d+$/.test(x)) return String(Number(x));
    return JSON.stringify(x);
  };
  return walk(v);
}

export type AttributeDiff = { kind: 'format'; expected: string } | { kind: 'time'; event: string; onOurClock: string } | { kind: 'value' };

export interface AttributeContext {
  name: string;
  created?: OracleWindow;
  modified: readonly OracleWindow[];
  skewMs: number;
}

function inWindow(seconds: number, w: OracleWindow, skewMs: number): boolean {
  // The server wrote floor(t / 1000) for some t in the window (widened by the clock skew).
  return seconds * 1000 + 999 >= w.from - skewMs && seconds * 1000 <= w.to + skewMs;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** How `got` differs from the model's `want` for attribute `name`; undefined when it does not. */
export function attributeDiff(name: string, got: string, want: string, ctx: AttributeContext): AttributeDiff | undefined {
  if (COUNTERS.has(name)) return /^\d+$/.test(got) ? undefined : { kind: 'format', expected: 'a count (a non-negative integer)' };
  if (name === 'CreatedTimestamp' || name === 'LastModifiedTimestamp') {
    if (!EPOCH_SECONDS.test(got)) return { kind: 'format', expected: 'epoch seconds' };
    const s = Number(got);
    const windows = name === 'CreatedTimestamp' ? (ctx.created ? [ctx.created] : []) : ctx.modified;
    if (windows.length === 0 || windows.some((w) => inWindow(s, w, ctx.skewMs))) return undefined;
    return { kind: 'time', event: name === 'CreatedTimestamp' ? 'the CreateQueue' : 'the last change of the queue', onOurClock: iso(s) };
  }
  if (name === 'QueueArn') return got === want ? undefined : { kind: 'format', expected: `the queue's ARN, ${want}` };
  if (JSON_ATTRIBUTES.has(name)) {
    const g = canonicalJson(got);
    return g !== undefined && g === canonicalJson(want) ? undefined : { kind: 'value' };
  }
  return got === want ? undefined : { kind: 'value' };
}

interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
}

export type PolicyDiff = { kind: 'statements'; what: string } | { kind: 'shape'; label: string; field: string; got: string; expected: string };

function statements(text: string): Statement[] | undefined {
  try {
    const p = JSON.parse(text) as { Statement?: unknown };
    const st = p.Statement;
    if (Array.isArray(st)) return st.filter((x): x is Statement => !!x && typeof x === 'object');
    return st && typeof st === 'object' ? [st as Statement] : [];
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x));
/** `arn:aws:iam::123456789012:root` and `123456789012` name one account. */
const principals = (v: unknown): string => {
  const aws = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).AWS : v;
  return strings(aws)
    .map((p) => /(\d{12})/.exec(p)?.[1] ?? p)
    .sort()
    .join(', ');
};
const actions = (v: unknown): string =>
  strings(v)
    .map((a) => a.toLowerCase())
    .sort()
    .join(', ');

/** A policy AddPermission and RemovePermission built, compared statement by statement. */
export function policyDiff(got: string, want: string): PolicyDiff | undefined {
  const g = statements(got);
  const w = statements(want) ?? [];
  if (g === undefined) return { kind: 'statements', what: 'that is not JSON' };
  const sid = (s: Statement) => String(s.Sid ?? '');
  for (const s of w) if (!g.some((x) => sid(x) === sid(s))) return { kind: 'statements', what: `without the statement ${sid(s)}` };
  for (const s of g) if (!w.some((x) => sid(x) === sid(s))) return { kind: 'statements', what: `that still has the statement ${sid(s)}` };
  for (const s of w) {
    const o = g.find((x) => sid(x) === sid(s))!;
    const fields: Array<[string, (x: Statement) => string]> = [
      ['Effect', (x) => String(x.Effect ?? '')],
      ['Action', (x) => actions(x.Action)],
      ['Principal', (x) => principals(x.Principal)],
      ['Resource', (x) => strings(x.Resource).join(', ')],
    ];
    for (const [field, read] of fields) if (read(o) !== read(s)) return { kind: 'shape', label: sid(s), field, got: read(o), expected: read(s) };
  }
  return undefined;
}
