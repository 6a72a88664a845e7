import { describe, it } from 'vitest';
import { lifecycleAgainst } from '../support/peer-lifecycle.js';

describe('lifecycle suite against local-aws-sqs (npm, launched on 127.0.0.1)', () => {
  it('completes with every property decided and replayable divergences', async () => {
    await lifecycleAgainst('local-aws-sqs', 7);
  }, 600_000);
});
