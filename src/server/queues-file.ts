// Queues a reference server has from its start (`serve --queues FILE`, the testing entry's
// `queues`), as ElasticMQ's configuration file allows: names, attributes, tags and dead-letter
// pairs. The file is checked for its shape here (unknown fields, wrong types: one line each); the
// queues themselves are created through the engine's own CreateQueue, so an invalid attribute gets
// the exact AWS error (src/spec/operations.ts) and a bad dead-letter pairing the engine's
// RedrivePolicy checks (sqs-semantics.md 5.5).
//
//   { "queues": [ { "name": "orders.fifo", "attributes": { "VisibilityTimeout": 30 },
//                   "tags": { "team": "shop" },
//                   "deadLetter": { "name": "orders-dlq.fifo", "maxReceiveCount": 3 } } ] }
import { readFile } from 'node:fs/promises';
import type { Engine } from '../spec/engine/index.js';

/** One queue of the file. */
export interface QueueDefinition {
  /** The queue name; a name ending in `.fifo` makes a FIFO queue unless `attributes.FifoQueue` says otherwise. */
  name: string;
  /**
   * CreateQueue attributes. Numbers and booleans are written as SQS strings (`30` → `"30"`); an
   * object (RedrivePolicy, RedriveAllowPolicy, Policy) is written as its JSON text.
   */
  attributes?: Record<string, string | number | boolean | Record<string, unknown>>;
  /** Cost-allocation tags, given to CreateQueue. */
  tags?: Record<string, string>;
  /**
   * The queue's dead-letter queue: a RedrivePolicy naming it is set on this queue. The DLQ is the
   * file's queue of that name, or else created with default attributes (FIFO if its name ends in `.fifo`).
   */
  deadLetter?: { name: string; maxReceiveCount: number };
}

/** The file: `{ "queues": [ … ] }`. */
export interface QueuesFile {
  queues: QueueDefinition[];
}

export type QueuesResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** A queue setup that cannot be done; the message is one line. */
export class QueuesFileError extends Error {
  override name = 'QueuesFileError';
}

const QUEUE_FIELDS = ['name', 'attributes', 'tags', 'deadLetter'] as const;
const DEAD_LETTER_FIELDS = ['name', 'maxReceiveCount'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const q = (s: string): string => JSON.stringify(s);
const err = (error: string): { ok: false; error: string } => ({ ok: false, error });

function unknownField(where: string, value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `${where}: unknown field ${q(extra)} (fields: ${allowed.join(', ')})`;
}

/** The queue definitions of a parsed file: `{ "queues": [...] }` or the list itself. Shape only. */
export function validateQueues(value: unknown): QueuesResult<QueueDefinition[]> {
  let list: unknown = value;
  if (isObject(value)) {
    const extra = unknownField('the file', value, ['queues']);
    if (extra) return err(extra);
    list = value.queues;
    if (list === undefined) return err('the file has no "queues" list');
  }
  if (!Array.isArray(list)) return err('"queues" must be a list of queues ({ "queues": [ { "name": … } ] })');
  const out: QueueDefinition[] = [];
  const names = new Set<string>();
  for (const [i, entry] of list.entries()) {
    let where = `queues[${i}]`;
    if (!isObject(entry)) return err(`${where} must be an object with a "name"`);
    if (typeof entry.name !== 'string' || entry.name === '') return err(`${where}: "name" must be a non-empty string`);
    where = `queue ${q(entry.name)}`;
    const extra = unknownField(where, entry, QUEUE_FIELDS);
    if (extra) return err(extra);
    if (names.has(entry.name)) return err(`${where} is listed twice`);
    names.add(entry.name);
    const def: QueueDefinition = { name: entry.name };
    if (entry.attributes !== undefined) {
      if (!isObject(entry.attributes)) return err(`${where}: "attributes" must be an object of attribute names and values`);
      for (const [k, v] of Object.entries(entry.attributes)) {
        const scalar = typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
        if (!scalar && !isObject(v)) return err(`${where}: attribute ${q(k)} must be a string, a number, a boolean or (for a policy) an object`);
      }
      def.attributes = entry.attributes as QueueDefinition['attributes'];
    }
    if (entry.tags !== undefined) {
      if (!isObject(entry.tags)) return err(`${where}: "tags" must be an object of tag keys and string values`);
      const bad = Object.entries(entry.tags).find(([, v]) => typeof v !== 'string');
      if (bad) return err(`${where}: tag ${q(bad[0])} must have a string value`);
      def.tags = entry.tags as Record<string, string>;
    }
    if (entry.deadLetter !== undefined) {
      const d = entry.deadLetter;
      if (!isObject(d)) return err(`${where}: "deadLetter" must be an object { "name": …, "maxReceiveCount": … }`);
      const extraDl = unknownField(`${where}: deadLetter`, d, DEAD_LETTER_FIELDS);
      if (extraDl) return err(extraDl);
      if (typeof d.name !== 'string' || d.name === '') return err(`${where}: deadLetter "name" must be a non-empty string`);
      if (d.name === entry.name) return err(`${where}: a queue cannot be its own dead-letter queue`);
      // The range (1–1000) is the engine's RedrivePolicy check; here only the type.
      if (typeof d.maxReceiveCount !== 'number' || !Number.isInteger(d.maxReceiveCount)) return err(`${where}: deadLetter "maxReceiveCount" must be an integer`);
      if (entry.attributes !== undefined && isObject(entry.attributes) && 'RedrivePolicy' in entry.attributes) {
        return err(`${where}: give either "deadLetter" or the RedrivePolicy attribute, not both`);
      }
      def.deadLetter = { name: d.name, maxReceiveCount: d.maxReceiveCount };
    }
    out.push(def);
  }
  return { ok: true, value: out };
}

/** The definitions in a file's text (JSON). */
export function parseQueuesFile(text: string): QueuesResult<QueueDefinition[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err(`not valid JSON: ${(e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, ' ')}`);
  }
  return validateQueues(value);
}

/** Reads and checks a queues file; every error is one line naming the file. */
export async function readQueuesFile(path: string): Promise<QueuesResult<QueueDefinition[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return err(`cannot read the queues file ${path}: ${why}`);
  }
  const r = parseQueuesFile(text);
  return r.ok ? r : err(`queues file ${path}: ${r.error}`);
}

function attributeText(v: string | number | boolean | Record<string, unknown>): string {
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Creates the queues in the engine, dead-letter queues before their sources (a RedrivePolicy must
 * name an existing queue, sqs-semantics.md 5.5). Gives every queue's URL by name, including DLQs
 * created for a `deadLetter` the file does not list. A failure names the queue and gives the AWS
 * error (code and message) the engine answered; queues created before it stay.
 */
export function createQueues(engine: Engine, definitions: readonly QueueDefinition[], nowMs: number): QueuesResult<Record<string, string>> {
  const byName = new Map(definitions.map((d) => [d.name, d] as const));
  for (const d of definitions) {
    if (d.deadLetter && !byName.has(d.deadLetter.name)) byName.set(d.deadLetter.name, { name: d.deadLetter.name });
  }
  const urls: Record<string, string> = {};
  const state = new Map<string, 'creating' | 'done'>();

  const create = (d: QueueDefinition, path: string[]): string | undefined => {
    if (state.get(d.name) === 'done') return undefined;
    if (state.get(d.name) === 'creating') return `dead-letter queues form a cycle: ${[...path, d.name].map(q).join(' → ')}`;
    state.set(d.name, 'creating');
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.attributes ?? {})) attributes[k] = attributeText(v);
    // `.fifo` is legal only together with FifoQueue=true (sqs-semantics.md 2, "Invalid name").
    if (d.name.endsWith('.fifo') && attributes.FifoQueue === undefined) attributes.FifoQueue = 'true';
    if (d.deadLetter) {
      const dlq = byName.get(d.deadLetter.name)!;
      const problem = create(dlq, [...path, d.name]);
      if (problem) return problem;
      const arn = engine.dispatch('GetQueueAttributes', { QueueUrl: urls[dlq.name], AttributeNames: ['QueueArn'] }, nowMs);
      if ('error' in arn) return `queue ${q(dlq.name)}: ${arn.error.code}: ${arn.error.message}`;
      const target = (arn.ok.Attributes as Record<string, string>).QueueArn;
      attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: d.deadLetter.maxReceiveCount });
    }
    const input: Record<string, unknown> = { QueueName: d.name };
    if (Object.keys(attributes).length > 0) input.Attributes = attributes;
    if (d.tags && Object.keys(d.tags).length > 0) input.tags = d.tags;
    const r = engine.dispatch('CreateQueue', input, nowMs);
    if ('error' in r) return `queue ${q(d.name)}: ${r.error.code}: ${r.error.message.replace(/\s*[\r\n]+\s*/g, ' ')}`;
    urls[d.name] = r.ok.QueueUrl as string;
    state.set(d.name, 'done');
    return undefined;
  };

  for (const d of byName.values()) {
    const problem = create(d, []);
    if (problem) return err(problem);
  }
  return { ok: true, value: urls };
}

/** The URL of every queue the definitions name (after the server knows its address). */
export function queueUrlsOf(engine: Engine, definitions: readonly QueueDefinition[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of definitions) {
    for (const name of d.deadLetter ? [d.deadLetter.name, d.name] : [d.name]) {
      const url = engine.queueUrl(name);
      if (url !== undefined) out[name] = url;
    }
  }
  return out;
}
