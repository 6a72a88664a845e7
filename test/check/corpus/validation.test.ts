import { runCorpus } from './corpus.js';
import { validationCases } from './validation.cases.js';

runCorpus('validation', validationCases);
