// Receipt handles the service never issued (aws-recorded-facts.md A1 item 13, A2 item 23).
import { history } from '../../../src/history/builder.js';
import type { CorpusCase } from '../../../src/suite/index.js';
import { ERRORS, type Fact } from '../../../conformance/facts.js';

const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });

/** A handle the service never issued, used with DeleteMessage or ChangeMessageVisibility. */
function garbage(op: 'delete' | 'cmv', handle: string, fail?: Fact) {
  const h = history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(100).receive('p2', 'q', [A('h1')]).at(200);
  const opts = fail ? { fail } : {};
  return (op === 'delete' ? h.deleteMessage('p2', 'q', handle, opts) : h.changeVisibility('p2', 'q', handle, 0, opts)).build();
}

export const invalidHandleCases: CorpusCase[] = [
  {
    id: 'handle.invalid-accepted',
    bad: 'DeleteMessage with the handle "garbage" succeeds',
    good: 'it fails with ReceiptHandleIsInvalid (404) and the recorded text',
    source: 'aws-recorded-facts.md A1 item 13',
    badHistory: garbage('delete', 'garbage'),
    goodHistory: garbage('delete', 'garbage', ERRORS.invalidHandle('garbage')),
  },
  {
    id: 'handle.invalid-accepted',
    bad: 'ChangeMessageVisibility with the handle "INVALID" succeeds',
    good: 'it fails with ReceiptHandleIsInvalid',
    source: 'aws-recorded-facts.md A2 item 23',
    badHistory: garbage('cmv', 'INVALID'),
    goodHistory: garbage('cmv', 'INVALID', ERRORS.invalidHandle('INVALID')),
  },
];
