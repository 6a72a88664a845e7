import { describe, expect, it } from 'vitest';
import { LEGACY_MAX_MESSAGE_SIZE, LIMITS, MAX_BATCH_ENTRIES, MAX_BATCH_PAYLOAD, MAX_MESSAGE_ATTRIBUTES, MAX_MESSAGE_SIZE, limitAsOf, withinLimit, type LimitEntry } from '../../src/spec/limits.js';

describe('LIMITS table', () => {
  // Our own table of facts; each row names its source.
  const facts: Array<{ name: keyof typeof LIMITS; min?: number; max?: number; default?: number; source: string }> = [
    { name: 'messageSize', max: 1_048_576, source: 'aws-recorded-facts.md item 118 (1 MiB since 2025-08)' },
    { name: 'batchEntries', min: 1, max: 10, source: 'items 78, 80' },
    { name: 'batchPayload', max: 1_048_576, source: 'item 81' },
    { name: 'messageAttributes', max: 10, source: 'sqs-semantics.md 6.3' },
    { name: 'messageRetentionPeriod', min: 60, max: 1_209_600, default: 345_600, source: 'item 38; sqs-semantics.md 3' },
    { name: 'delaySeconds', min: 0, max: 900, default: 0, source: 'sqs-semantics.md 3, 4.7' },
    { name: 'visibilityTimeout', min: 0, max: 43_200, default: 30, source: 'item 15; sqs-semantics.md 3' },
    { name: 'waitTimeSeconds', min: 0, max: 20, default: 0, source: 'item 7' },
    { name: 'maxNumberOfMessages', min: 1, max: 10, default: 1, source: 'item 6' },
    { name: 'queueNameLength', min: 1, max: 80, source: 'sqs-semantics.md 2' },
    { name: 'batchEntryIdLength', min: 1, max: 80, source: 'item 79' },
    { name: 'fifoIdLength', min: 1, max: 128, source: 'item 56' },
    { name: 'maximumMessageSize', min: 1024, max: 1_048_576, default: 1_048_576, source: 'item 96; sqs-semantics.md 3' },
    { name: 'kmsDataKeyReusePeriodSeconds', min: 60, max: 86_400, default: 300, source: 'sqs-semantics.md 3' },
    { name: 'maxReceiveCount', min: 1, max: 1000, source: 'sqs-semantics.md 3' },
    { name: 'policySize', max: 8192, source: 'sqs-semantics.md 13' },
  ];
  it.each(facts)('$name ($source)', ({ name, min, max, default: def }) => {
    const entry: LimitEntry = LIMITS[name];
    if (min !== undefined) expect(entry.min).toBe(min);
    if (max !== undefined) expect(entry.max).toBe(max);
    if (def !== undefined) expect(entry.default).toBe(def);
  });

  it('every entry has a source, a YYYY-MM date, and min <= default <= max', () => {
    for (const [name, entry] of Object.entries(LIMITS) as Array<[string, LimitEntry]>) {
      expect(entry.asOf, name).toMatch(/^\d{4}-\d{2}$/);
      expect(entry.source.section.length, name).toBeGreaterThan(0);
      if (entry.min !== undefined && entry.max !== undefined) expect(entry.min, name).toBeLessThanOrEqual(entry.max);
      if (entry.default !== undefined && entry.min !== undefined) expect(entry.default, name).toBeGreaterThanOrEqual(entry.min);
      if (entry.default !== undefined && entry.max !== undefined) expect(entry.default, name).toBeLessThanOrEqual(entry.max);
    }
  });

  it('exports the headline constants', () => {
    expect([MAX_MESSAGE_SIZE, LEGACY_MAX_MESSAGE_SIZE, MAX_BATCH_ENTRIES, MAX_BATCH_PAYLOAD, MAX_MESSAGE_ATTRIBUTES]).toEqual([1_048_576, 262_144, 10, 1_048_576, 10]);
  });
});

describe('limitAsOf: dated values (sqs-semantics.md 15)', () => {
  it('the message size was 262144 before 2025-08 (item 118)', () => {
    expect(limitAsOf(LIMITS.messageSize, '2024-06').max).toBe(262_144);
    expect(limitAsOf(LIMITS.messageSize, '2025-08').max).toBe(1_048_576);
    expect(limitAsOf(LIMITS.maximumMessageSize, '2025-01').default).toBe(262_144);
  });
  it('FIFO in-flight limit was 20000 before 2025-01 (sqs-semantics.md 15)', () => {
    expect(limitAsOf(LIMITS.inFlightFifo, '2024-12').max).toBe(20_000);
    expect(limitAsOf(LIMITS.inFlightFifo, '2025-02').max).toBe(120_000);
  });
  it('withinLimit is inclusive', () => {
    expect(withinLimit(LIMITS.delaySeconds, 0)).toBe(true);
    expect(withinLimit(LIMITS.delaySeconds, 900)).toBe(true);
    expect(withinLimit(LIMITS.delaySeconds, 901)).toBe(false);
    expect(withinLimit(LIMITS.delaySeconds, -1)).toBe(false);
  });
});
