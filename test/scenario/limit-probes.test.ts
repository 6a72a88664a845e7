// Every documented limit, enumerated (issue 12): the probe table covers every entry of the model's
// LIMITS table (a new limit fails here until it is probed or says why not), each integer queue
// attribute on CreateQueue and SetQueueAttributes, at min-1, min, max and max+1.
import { describe, expect, it } from 'vitest';
import { QUEUE_ATTRIBUTES } from '../../src/spec/attributes.js';
import { LIMITS, type LimitName } from '../../src/spec/limits.js';
import { edgesOf, LIMIT_PLANS, limitProbes, type ProbeArea } from '../../src/scenario/index.js';

const AREAS: ProbeArea[] = ['queue-attributes', 'queue-names', 'listing', 'tags', 'permissions', 'messages', 'batches', 'message-attributes', 'fifo', 'move-tasks'];
const all = AREAS.flatMap((a) => limitProbes(a));

describe('limit probes', () => {
  it('every LIMITS entry is probed or says why it cannot be', () => {
    for (const name of Object.keys(LIMITS) as LimitName[]) {
      const plan = LIMIT_PLANS[name];
      expect(plan, name).toBeDefined();
      if ('excluded' in plan) expect(plan.excluded.length, name).toBeGreaterThan(20);
      else expect(all.some((p) => p.limit === name), name).toBe(true);
    }
    expect(Object.keys(LIMIT_PLANS).sort()).toEqual(Object.keys(LIMITS).sort());
  });

  it('probes each bound and one past it', () => {
    for (const name of Object.keys(LIMITS) as LimitName[]) {
      const plan = LIMIT_PLANS[name];
      if ('excluded' in plan) continue;
      const probed = new Set(all.filter((p) => p.limit === name).map((p) => p.edge));
      // Every edge of the limit is probed by at least one request member.
      for (const { edge } of edgesOf(LIMITS[name])) {
        if (name === 'tagValueLength' && edge === 'min-1') continue; // a length of -1
        if (name === 'queueNameLength' && edge === 'min') continue; // a 1-character name cannot carry the run's prefix
        if (name === 'batchPayload' || name === 'policySize' || name === 'policyStatements' || name === 'permissionActions' || name === 'tagsPerQueue') if (edge.startsWith('min')) continue;
        expect(probed.has(edge), `${name} ${edge}`).toBe(true);
      }
    }
  });

  it('every integer queue attribute at all four edges, on CreateQueue and on SetQueueAttributes', () => {
    for (const a of QUEUE_ATTRIBUTES.filter((x) => x.value.kind === 'integer')) {
      for (const action of ['CreateQueue', 'SetQueueAttributes']) {
        const values = all
          .filter((p) => p.area === 'queue-attributes' && p.steps.some((s) => s.action === action && JSON.stringify(s.input ?? {}).includes(`"${a.name}"`)))
          .map((p) => p.value)
          .sort((x, y) => x - y);
        const limit = a.value.kind === 'integer' ? a.value.limit : undefined;
        expect(values, `${a.name} ${action}`).toEqual([limit!.min! - 1, limit!.min!, limit!.max!, limit!.max! + 1]);
      }
    }
  });

  it('each probe has a queue of its own to create (unique slots) and does not depend on a seed', () => {
    for (const area of AREAS) expect(limitProbes(area)).toEqual(limitProbes(area));
    for (const area of AREAS) {
      const creates = limitProbes(area).flatMap((p) => p.steps.filter((s) => s.action === 'CreateQueue').map((s) => s.slot));
      expect(new Set(creates).size, area).toBe(creates.length);
    }
  });
});
