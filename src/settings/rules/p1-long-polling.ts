import { isDeadLetterQueue, lambdaConsumers, numAttr } from '../model.js';
import type { Rule } from '../types.js';

export const P1: Rule = {
  id: 'P1',
  name: 'long-polling',
  title: 'Long polling on (ReceiveMessageWaitTimeSeconds > 0)',
  severity: 'warning',
  explanation:
    'With ReceiveMessageWaitTimeSeconds 0 every receive that does not pass WaitTimeSeconds is a short poll: it samples a subset of servers, returns empty answers while messages wait, and costs a request each time. Set 20 s (or at least 1 s), or make sure every consumer passes WaitTimeSeconds. Not raised for queues consumed by Lambda (its pollers long-poll) or for DLQs.',
  source: 'settings-rules.md §4 P1; SQS Developer Guide "Setting-up long polling in Amazon SQS"',
  external: [],
  check(q, { model }) {
    const w = numAttr(q, 'ReceiveMessageWaitTimeSeconds');
    if (!w || w.value > 0) return [];
    if (lambdaConsumers(model, q).length > 0 || isDeadLetterQueue(model, q)) return [];
    return [{ message: `ReceiveMessageWaitTimeSeconds ${w.value}${w.defaulted ? ' (default)' : ''}: receives without WaitTimeSeconds short-poll.`, values: { ReceiveMessageWaitTimeSeconds: w.value } }];
  },
};
