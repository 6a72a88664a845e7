// The error contract (issue 12; sqs-semantics.md 1.2-1.4, aws-recorded-facts.md A15): every error
// answer is one an SDK can read. Over JSON 1.0: the `x-amzn-query-error: <Code>;<Sender|Receiver>`
// header, `__type` naming the error shape, Content-Type application/x-amz-json-1.0 and a request
// id; over Query: an XML `ErrorResponse` with `Error/Type`, `Code`, `Message` and a `RequestId`.
// The envelope is judged against the error the answer itself names (whether that error was the
// right one is the validation rules' business: error.wrong-code, -status, -message). Answers
// recorded without the envelope fields (older histories) are not judged. PURE.
import type { Call, CompletionOp, OpMeta } from '../../../history/index.js';
import { ERROR_SHAPES, shapeByCode, type ErrorShape } from '../../../spec/errors.js';
import { callRef, text } from '../../refs.js';
import type { CallRuleContext, Finding, Gate } from '../../types.js';

/** Shapes whose JSON `__type` is known: the modelled ones (section 1.3) and the two recorded unmodelled ones (A15 item 120). */
const TYPE_KNOWN = new Set<string>([
  ...Object.values(ERROR_SHAPES)
    .filter((s) => !['InvalidAction', 'UnknownOperationException', 'MalformedQueryString', 'InvalidQueryParameter', 'InvalidParameterCombination', 'ValidationError', 'InternalFailure', 'ServiceUnavailable', 'AccessDeniedException', 'ThrottlingException', 'SerializationException'].includes(s.type))
    .map((s) => s.type),
]);

const JSON_TYPE = 'application/x-amz-json-1.0';
const XML_TYPES = /^(text|application)\/xml\b/i;

/** `com.amazonaws.sqs#QueueDoesNotExist` → `QueueDoesNotExist` (clients use the part after `#`). */
function shortType(t: string): string {
  const afterHash = t.includes('#') ? t.slice(t.lastIndexOf('#') + 1) : t;
  return afterHash.split(':')[0]!.trim();
}

function recordedEnvelope(meta: OpMeta | undefined): boolean {
  return meta !== undefined && (meta.contentType !== undefined || meta.queryError !== undefined || meta.errorType !== undefined || meta.errorRoot !== undefined);
}

/** The error answers of a history and what the envelope rule finds wrong with them. */
export function envelopeFindings(ctx: CallRuleContext, gate: Gate): Finding[] {
  const out: Finding[] = [];
  const push = (f: Finding) => {
    if (gate.on(f.id)) out.push(f);
  };
  for (const c of ctx.prep.calls) {
    const done = c.complete as CompletionOp | undefined;
    if (!done || done.type === 'ok') continue;
    const meta = done.meta;
    if (!recordedEnvelope(meta)) continue;
    const status = meta!.httpStatus;
    if (status === undefined || status < 400) continue;
    const ref = callRef(c);
    const base = { call: ref, status };
    gate.exercised('envelope.unparseable');
    if (done.type === 'info') {
      // An error answer no client could read a code from (the port found none).
      if (done.value.reason === 'client-error' && status < 500) push({ id: 'envelope.unparseable', calls: [c], queue: c.invoke.queue, bindings: { ...base, protocol: meta!.protocol ?? 'json' } });
      continue;
    }
    const error = done.value;
    const shape = shapeOf(error.code, error.type, meta!);
    const fault = status >= 500 ? 'Receiver' : 'Sender';
    if (meta!.protocol === 'query') queryEnvelope(c, meta!, shape, fault, base, push, gate);
    else jsonEnvelope(c, meta!, shape, fault, base, push, gate);
  }
  return out;
}

/** The error shape an answer names: by its code, else by its `__type`. */
function shapeOf(code: string, type: string | undefined, meta: OpMeta): ErrorShape | undefined {
  return shapeByCode(code) ?? (type ? shapeByCode(shortType(type)) : undefined) ?? (meta.errorType ? shapeByCode(shortType(meta.errorType)) : undefined);
}

type Push = (f: Finding) => void;
type Base = { call: ReturnType<typeof callRef>; status: number };

function jsonEnvelope(c: Call, meta: OpMeta, shape: ErrorShape | undefined, fault: string, base: Base, push: Push, gate: Gate): void {
  const queue = c.invoke.queue;
  gate.exercised('envelope.query-error-missing');
  gate.exercised('envelope.content-type-wrong');
  gate.exercised('envelope.request-id-missing');
  if (meta.queryError === undefined) push({ id: 'envelope.query-error-missing', calls: [c], queue, bindings: { ...base, expected: shape ? `${shape.code};${fault}` : `<code>;${fault}` } });
  else {
    const [code = '', kind = ''] = meta.queryError.split(';').map((s) => s.trim());
    gate.exercised('envelope.query-error-wrong');
    gate.exercised('envelope.fault-wrong');
    if (shape && code !== shape.code) push({ id: 'envelope.query-error-wrong', calls: [c], queue, bindings: { ...base, got: text(meta.queryError), expected: `${shape.code};${fault}` } });
    else if (kind !== fault) push({ id: 'envelope.fault-wrong', calls: [c], queue, bindings: { ...base, got: text(kind === '' ? '(none)' : kind), expected: fault, where: 'the x-amzn-query-error header' } });
  }
  if (shape && TYPE_KNOWN.has(shape.type)) {
    gate.exercised('envelope.type-wrong');
    const got = meta.errorType === undefined ? undefined : shortType(meta.errorType);
    if (got !== shape.type) push({ id: 'envelope.type-wrong', calls: [c], queue, bindings: { ...base, got: text(meta.errorType ?? '(none)'), expected: shape.type } });
  }
  if (meta.contentType !== undefined && !meta.contentType.toLowerCase().startsWith(JSON_TYPE)) push({ id: 'envelope.content-type-wrong', calls: [c], queue, bindings: { ...base, got: text(meta.contentType), expected: JSON_TYPE } });
  if (meta.requestId === undefined) push({ id: 'envelope.request-id-missing', calls: [c], queue, bindings: { ...base, where: 'the x-amzn-RequestId header' } });
}

function queryEnvelope(c: Call, meta: OpMeta, _shape: ErrorShape | undefined, fault: string, base: Base, push: Push, gate: Gate): void {
  const queue = c.invoke.queue;
  gate.exercised('envelope.xml-wrong');
  gate.exercised('envelope.fault-wrong');
  gate.exercised('envelope.content-type-wrong');
  gate.exercised('envelope.request-id-missing');
  if (meta.errorRoot !== 'ErrorResponse') push({ id: 'envelope.xml-wrong', calls: [c], queue, bindings: { ...base, got: text(meta.errorRoot === undefined ? '(no XML)' : `<${meta.errorRoot}>`) } });
  if (meta.errorFault !== fault) push({ id: 'envelope.fault-wrong', calls: [c], queue, bindings: { ...base, got: text(meta.errorFault ?? '(none)'), expected: fault, where: 'the Error/Type element' } });
  if (meta.contentType !== undefined && !XML_TYPES.test(meta.contentType)) push({ id: 'envelope.content-type-wrong', calls: [c], queue, bindings: { ...base, got: text(meta.contentType), expected: 'text/xml' } });
  if (meta.errorRequestId === undefined) push({ id: 'envelope.request-id-missing', calls: [c], queue, bindings: { ...base, where: 'the RequestId element' } });
}
