// Which ids a run must exercise, which properties can exercise each, and the gaps. PURE.
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { lifecycle } from '../../conformance/suites/lifecycle/suite.js';
import { coverageTargets, gapsOf } from '../../src/runner/index.js';
import { suiteSet } from '../../src/suite/index.js';

const catalog = suiteSet(SUITES).catalog;
const only = (...names: string[]) => [{ suite: lifecycle, properties: lifecycle.properties.filter((p) => names.includes(p.name)) }];

describe('coverage targets', () => {
  it('every id of the suite and the generic ids its properties name, with the properties that can exercise each', () => {
    const t = coverageTargets([{ suite: lifecycle, properties: [...lifecycle.properties] }], catalog, 'typical');
    for (const id of Object.keys(lifecycle.catalog)) expect(t.has(id), id).toBe(true);
    expect(t.get('retention.expired-late')!.map((c) => c.property.name)).toEqual(['retention']);
    expect(t.get('error.wrong-code')!.map((c) => c.property.name)).toEqual(['validation']);
    expect(t.get('message.lost')!.map((c) => c.property.name)).toEqual(['visibility', 'delay', 'long-poll', 'body']);
  });

  it('an id only an unselected property can exercise stays a target without candidates (a gap the run cannot close)', () => {
    const t = coverageTargets(only('visibility'), catalog, 'typical');
    expect(t.get('retention.expired-late')).toEqual([]);
    expect(gapsOf(t, new Map([['message.lost', 3]]))).toContain('retention.expired-late');
    expect(gapsOf(t, new Map([['message.lost', 3]]))).not.toContain('message.lost');
  });

  it('typical rules are not targets at strictness guaranteed', () => {
    const typical = Object.entries(lifecycle.catalog).filter(([, e]) => e.strictness === 'typical').map(([id]) => id);
    expect(typical.length).toBeGreaterThan(0);
    const t = coverageTargets(only('visibility'), catalog, 'guaranteed');
    for (const id of typical) expect(t.has(id), id).toBe(false);
  });

  it('a rule read over one protocol only is a target of runs over that protocol, not of runs over the other', () => {
    const errors = SUITES.find((s) => s.name === 'errors')!;
    const all = [{ suite: errors, properties: [...errors.properties] }];
    const byProtocol = Object.entries(errors.catalog).filter(([, e]) => e.protocol !== undefined);
    expect(byProtocol.map(([id, e]) => `${id}:${e.protocol}`)).toEqual(expect.arrayContaining(['envelope.query-error-missing:json', 'envelope.xml-wrong:query']));
    const json = coverageTargets(all, catalog, 'typical', 'json');
    const query = coverageTargets(all, catalog, 'typical', 'query');
    const either = coverageTargets(all, catalog, 'typical');
    for (const [id, e] of byProtocol) {
      expect(json.has(id), id).toBe(e.protocol === 'json');
      expect(query.has(id), id).toBe(e.protocol === 'query');
      expect(either.has(id), id).toBe(true);
    }
    expect(json.has('envelope.fault-wrong') && query.has('envelope.fault-wrong')).toBe(true);
  });
});
