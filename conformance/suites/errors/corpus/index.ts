// The errors suite's corpus: for each of its divergence ids a bad history and a near miss.
import type { CorpusCase } from '../../../../src/suite/index.js';
import { envelopeCases } from './envelopes.cases.js';

export const cases: readonly CorpusCase[] = envelopeCases;
