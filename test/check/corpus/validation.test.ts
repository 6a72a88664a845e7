import { runCorpus } from '../../support/corpus.js';
import { validationCases } from './validation.cases.js';

runCorpus('validation', validationCases);
