// The queue-management suites' corpora, on their own (suites.test.ts runs every suite's corpus too).
import { SUITES } from '../../conformance/suites/index.js';
import { runCorpus } from '../support/corpus.js';

for (const suite of SUITES.filter((s) => ['queue-attributes', 'queues', 'tags-permissions', 'errors'].includes(s.name))) {
  const cases = await suite.corpus?.();
  if (cases) runCorpus(suite.name, cases);
}
