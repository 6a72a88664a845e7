// The normalisation LocalStack's snapshot framework applied to the AWS recordings in
// ../shared/aws-recorded/localstack (README "Normalisation applied"; aws-recorded-facts.md part b),
// re-implemented so our own responses can be compared with the recorded content:
//
//  1. each matched value is key-sorted (ResponseMetadata last) when it is a dict;
//  2. strings that start with `{` and parse as JSON are replaced by the parsed value;
//  3. transformers run by priority. Priority 0: the SQS ones (ReceiptHandle, TaskHandle, SenderId,
//     SequenceNumber → numbered references; ARN resource names → `<resource:n>`) and the test's own;
//     priority 2: account id, region, partition, ResponseMetadata trimming, UUID-valued `*Id` keys
//     → `<uuid:n>`, ISO dates, `*timestamp*` keys → "timestamp";
//  4. every top-level value is dumped as Python's json.dumps would, the numbered references are
//     replaced as text in registration order, and the text is parsed back.
//
// "Numbered reference" transformers replace every occurrence of the original value in the whole
// entry, numbered per kind in order of first appearance (a value seen once keeps its number).
// PURE.

/** A binary value as botocore returns it (bytes); the recordings hold Python's `b'…'` repr. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
}

type Json = unknown;
type Dict = Record<string, Json>;

function isDict(v: Json): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyBytes);
}

// ------------------------------------------------------------------------------ Python text forms

/** `repr(bytes)`: b'…' (or b"…" when the bytes hold ' but no "), \xNN for non-printables. */
export function pyBytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}${quote}`;
}

function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`; // ensure_ascii
    else out += ch;
  }
  return `${out}"`;
}

/** `json.dumps(value, default=str)` with Python's defaults (ensure_ascii, ", " and ": "). */
export function pyDumps(v: Json): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof PyBytes) return pyString(pyBytesRepr(v.bytes));
  if (typeof v === 'string') return pyString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN';
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(', ')}]`;
  if (isDict(v)) {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${pyString(k)}: ${pyDumps(x)}`)
      .join(', ')}}`;
  }
  return pyString(String(v));
}

/** What Python's `str(v)` would be non-None for (the value side of a key/value match). */
function pyStr(v: Json): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof PyBytes) return pyBytesRepr(v.bytes);
  return pyDumps(v);
}

// ------------------------------------------------------------------------------ patterns

const UUID_AT_START = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}/;
/** arn:partition:service:region:account:resource, matched from the start of the value. */
const ARN = /^arn:(aws[a-zA-Z-]*)?:([a-zA-Z0-9\-_.]+)?:([^:\n]+)?:(\d{12})?:(.*)/;
/** An ISO-8601 date-time, matched from the start (dates in values become `date`). */
const ISO_DATE_TIME = /\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d:?(?:[0-5]\d)?)/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `key_value(Key)`'s replacement name: ReceiptHandle → receipt-handle. */
function hyphenated(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-+|-+$/g, '');
}

/** The resource part of an ARN value (last path or colon segment), as the snapshot's ARN rule reads it. */
export function arnResourceName(value: string): string | undefined {
  const m = ARN.exec(value);
  if (!m) return undefined;
  let res = m[5] ?? '';
  if (res.startsWith('<') && res.endsWith('>')) return undefined; // already a reference
  if (res.includes('/')) res = res.slice(res.lastIndexOf('/') + 1);
  else if (res.includes(':')) res = res.slice(res.lastIndexOf(':') + 1);
  return res === '' ? undefined : res;
}

// ------------------------------------------------------------------------------ transformers

interface Context {
  /** Serialized replacements, applied in this order to each dumped top-level value. */
  replacements: Array<(s: string) => string>;
  counters: Map<string, number>;
  seen: Set<string>;
}

function registerReference(ctx: Context, value: string, name: string): void {
  const ref = value.replace(/"/g, '\\"'); // as it appears inside the dumped JSON text
  if (ctx.seen.has(ref)) return;
  ctx.seen.add(ref);
  const n = ctx.counters.get(name) ?? 1;
  ctx.counters.set(name, n + 1);
  const token = `<${name}:${n}>`;
  ctx.replacements.push((s) => s.split(ref).join(token));
}

export type Transformer =
  /** A key/value rule: `match` returns the value to replace; `reference` numbers it entry-wide. */
  | { kind: 'key-value'; match: (key: string, value: Json) => string | undefined; name: string; reference: boolean }
  /** A textual rule over the dumped JSON (Python `re.sub`). */
  | { kind: 'regex'; pattern: RegExp; replacement: string }
  | { kind: 'generic'; apply: (state: Dict) => void }
  | { kind: 'response-metadata' };

function applyKeyValue(t: Extract<Transformer, { kind: 'key-value' }>, node: Dict, ctx: Context): void {
  for (const [k, v] of Object.entries(node)) {
    const found = t.match(k, v);
    if (found !== undefined) {
      if (t.reference) registerReference(ctx, found, t.name);
      else node[k] = typeof v === 'string' ? v.split(found).join(t.name) : t.name;
    } else if (Array.isArray(v)) {
      for (const item of v) if (isDict(item)) applyKeyValue(t, item, ctx);
    } else if (isDict(v)) {
      applyKeyValue(t, v, ctx);
    }
  }
}

function trimResponseMetadata(node: Dict): void {
  for (const [k, v] of Object.entries(node)) {
    if (k === 'ResponseMetadata' && isDict(v)) {
      // Only a `content_type` header would be kept; botocore's header names never match it.
      const meta: Dict = { HTTPHeaders: {} };
      if (v.HTTPStatusCode) meta.HTTPStatusCode = v.HTTPStatusCode;
      node[k] = meta;
    } else if (isDict(v)) {
      trimResponseMetadata(v);
    }
  }
}

function apply(t: Transformer, state: Dict, ctx: Context): void {
  switch (t.kind) {
    case 'key-value':
      applyKeyValue(t, state, ctx);
      return;
    case 'regex': {
      const { pattern, replacement } = t;
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      ctx.replacements.push((s) => s.replace(global, () => replacement));
      return;
    }
    case 'generic':
      t.apply(state);
      return;
    case 'response-metadata':
      trimResponseMetadata(state);
      return;
  }
}

/** `key_value(Key)`: numbered references for the values of one key. */
export function keyValue(key: string, name = hyphenated(key)): Transformer {
  return { kind: 'key-value', match: (k, v) => (k === key && v !== null && v !== undefined && v !== '' ? pyStr(v) : undefined), name, reference: true };
}

/** `regex(pattern, replacement)`: a textual replacement (e.g. a queue name → `<queue-name>`). */
export function regex(pattern: string | RegExp, replacement: string): Transformer {
  return { kind: 'regex', pattern: typeof pattern === 'string' ? new RegExp(pattern) : pattern, replacement };
}

/** The test helper that drops `Error.Detail` from every matched error response. */
export const removeErrorDetail: Transformer = {
  kind: 'generic',
  apply: (state) => {
    for (const v of Object.values(state)) if (isDict(v) && isDict(v.Error)) delete v.Error.Detail;
  },
};

/** `sqs_api()`: the SQS transformers every SQS test adds (priority 0). */
export function sqsTransformers(): Transformer[] {
  return [
    keyValue('ReceiptHandle'),
    keyValue('TaskHandle'),
    keyValue('SenderId'),
    keyValue('SequenceNumber'),
    {
      kind: 'key-value',
      // MessageAttributes.RequestID.StringValue → <request-id:n> (never used by the SQS tests).
      match: (k, v) => (k === 'RequestID' && isDict(v) && typeof v.StringValue === 'string' ? v.StringValue : undefined),
      name: 'request-id',
      reference: true,
    },
    { kind: 'key-value', match: (_k, v) => (typeof v === 'string' ? arnResourceName(v) : undefined), name: 'resource', reference: true },
  ];
}

/** The account, region and basic transformers of the snapshot fixture (priority 2). */
export function basicTransformers(accountId: string, region: string): Transformer[] {
  return [
    regex(escapeRegExp(accountId), '111111111111'),
    regex(escapeRegExp(region), '<region>'),
    regex(/arn:aws(?:-[a-z]+)*:/, 'arn:<partition>:'),
    { kind: 'response-metadata' },
    {
      kind: 'key-value',
      match: (k, v) => (typeof v === 'string' && k.toLowerCase().endsWith('id') && UUID_AT_START.test(v) ? v : undefined),
      name: 'uuid',
      reference: true,
    },
    regex(ISO_DATE_TIME, 'date'),
    {
      kind: 'key-value',
      match: (k, v) => {
        if (!(/timestamp/i.test(k) || k === 'creationTime' || k === 'ingestionTime')) return undefined;
        const s = pyStr(v);
        return new RegExp(`^${ISO_DATE_TIME.source}`).test(s) ? undefined : s;
      },
      name: 'timestamp',
      reference: false,
    },
  ];
}

// ------------------------------------------------------------------------------ the entry

/** `_order_dict`: keys sorted (code points), ResponseMetadata moved last; lists element-wise. */
function orderDict(v: Json): Json {
  if (!isDict(v)) return v;
  const out: Dict = {};
  for (const k of Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const x = v[k];
    out[k] = isDict(x) ? orderDict(x) : Array.isArray(x) ? x.map(orderDict) : x;
  }
  if ('ResponseMetadata' in out) {
    const rm = out.ResponseMetadata;
    delete out.ResponseMetadata;
    out.ResponseMetadata = rm;
  }
  return out;
}

/** `_transform_dict_to_parseable_values`: JSON-looking strings in dicts become their value. */
function parseJsonStrings(node: Dict): void {
  for (const [k, v] of Object.entries(node)) {
    if (Array.isArray(v)) {
      for (const item of v) if (isDict(item)) parseJsonStrings(item);
    }
    if (isDict(v)) parseJsonStrings(v);
    if (typeof v === 'string' && v.startsWith('{')) {
      try {
        node[k] = JSON.parse(v) as Json;
      } catch {
        // not JSON: kept as it is
      }
    }
  }
}

function deepCopy(v: Json): Json {
  if (v instanceof PyBytes) return v;
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isDict(v)) {
    const out: Dict = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = deepCopy(x);
    return out;
  }
  return v;
}

export interface NormaliseOptions {
  accountId: string;
  region: string;
  /** The test's own transformers (priority 0, after the SQS ones), e.g. `regex(queueName, '<queue-name>')`. */
  extra?: Transformer[];
}

/**
 * Normalises the matched responses of one test (keys in match order) the way the recordings were
 * normalised, so that the result can be compared with `recorded-content` by deep equality.
 */
export function normalise(matches: Record<string, Json>, options: NormaliseOptions): Record<string, Json> {
  const state: Dict = {};
  for (const [k, v] of Object.entries(matches)) state[k] = orderDict(deepCopy(v));
  parseJsonStrings(state);
  const ctx: Context = { replacements: [], counters: new Map(), seen: new Set() };
  const transformers = [...sqsTransformers(), ...(options.extra ?? []), ...basicTransformers(options.accountId, options.region)];
  for (const t of transformers) apply(t, state, ctx);
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(state)) {
    let text = pyDumps(v);
    for (const r of ctx.replacements) text = r(text);
    out[k] = JSON.parse(text) as Json;
  }
  return out;
}
