// The queues a CDK deployment provisioned for the kit, read from the file `cdk deploy
// --outputs-file` writes: `{ "<StackName>": { "<OutputKey>": "<value>" } }`. The ConformanceQueues
// construct (cdk/lib/conformance-queues.ts) names its outputs `<Scope>Sqsc<Role><N><Url|Arn>`:
// roles Standard, Fifo, DlqSource/DlqTarget (standard pairs), FifoDlqSource/FifoDlqTarget. PURE
// apart from `readStackOutputs`, which reads the file.
import { readFileSync } from 'node:fs';

export type ProvidedRole = 'standard' | 'fifo' | 'dlq-source' | 'dlq-target' | 'fifo-dlq-source' | 'fifo-dlq-target';

export interface ProvidedQueue {
  role: ProvidedRole;
  /** Index within its role (pairs share it). */
  index: number;
  url: string;
  arn?: string;
  stack: string;
  /** Output key the URL came from. */
  key: string;
}

export interface ProvidedQueues {
  file: string;
  queues: ProvidedQueue[];
}

export class StackOutputsError extends Error {
  override name = 'StackOutputsError';
}

const ROLES: Record<string, ProvidedRole> = {
  Standard: 'standard',
  Fifo: 'fifo',
  DlqSource: 'dlq-source',
  DlqTarget: 'dlq-target',
  FifoDlqSource: 'fifo-dlq-source',
  FifoDlqTarget: 'fifo-dlq-target',
};

const KEY = /^([A-Za-z0-9]*?)Sqsc(Standard|Fifo|DlqSource|DlqTarget|FifoDlqSource|FifoDlqTarget)(\d+)(Url|Arn)$/;

/** Parses the outputs JSON (already read). Throws StackOutputsError with one line. */
export function parseStackOutputs(json: unknown, file = 'cdk-outputs.json'): ProvidedQueues {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StackOutputsError(`${file}: expected { "<StackName>": { "<OutputKey>": "<value>" } } as written by cdk deploy --outputs-file`);
  }
  const byKey = new Map<string, ProvidedQueue>();
  const arns = new Map<string, string>();
  for (const [stack, outputs] of Object.entries(json as Record<string, unknown>)) {
    if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) continue;
    for (const [key, value] of Object.entries(outputs as Record<string, unknown>)) {
      const m = KEY.exec(key);
      if (!m || typeof value !== 'string') continue;
      const [, scope = '', roleName = '', index = '0', kind] = m;
      const id = `${stack}\u0000${scope}\u0000${roleName}\u0000${index}`;
      if (kind === 'Arn') {
        arns.set(id, value);
        continue;
      }
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new StackOutputsError(`${file}: output ${stack}.${key} is not a queue URL: ${JSON.stringify(value).slice(0, 80)}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StackOutputsError(`${file}: output ${stack}.${key} is not an http(s) queue URL`);
      byKey.set(id, { role: ROLES[roleName]!, index: Number(index), url: value, stack, key });
    }
  }
  const queues = [...byKey.entries()].map(([id, q]) => {
    const arn = arns.get(id);
    return arn ? { ...q, arn } : q;
  });
  if (queues.length === 0) {
    throw new StackOutputsError(`${file}: no queue outputs (keys like SqscStandard0Url, written by the ConformanceQueues construct); deploy the cdk/ app with --outputs-file`);
  }
  queues.sort((a, b) => a.stack.localeCompare(b.stack) || a.role.localeCompare(b.role) || a.index - b.index);
  return { file, queues };
}

export function readStackOutputs(file: string): ProvidedQueues {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new StackOutputsError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StackOutputsError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseStackOutputs(json, file);
}

/** The origin of the queue URLs, when they all share one (a default endpoint for `run`). */
export function commonOrigin(provided: ProvidedQueues): string | undefined {
  const origins = new Set(provided.queues.map((q) => new URL(q.url).origin));
  return origins.size === 1 ? [...origins][0] : undefined;
}
