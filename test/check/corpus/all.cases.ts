// Every corpus case, for the catalogue meta-test.
import { attributeCases } from './attributes.cases.js';
import type { CorpusCase } from './corpus.js';
import { handleCases } from './handles.cases.js';
import { messageCases } from './message.cases.js';
import { metadataCases } from './metadata.cases.js';
import { receiveCases } from './receive.cases.js';
import { validationCases } from './validation.cases.js';
import { visibilityCases } from './visibility.cases.js';

export const allCases: CorpusCase[] = [
  ...messageCases,
  ...visibilityCases,
  ...handleCases,
  ...metadataCases,
  ...receiveCases,
  ...validationCases,
  ...attributeCases,
];
