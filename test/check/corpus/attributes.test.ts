import { runCorpus } from './corpus.js';
import { attributeCases } from './attributes.cases.js';

runCorpus('attributes', attributeCases);
