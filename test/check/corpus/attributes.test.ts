import { runCorpus } from '../../support/corpus.js';
import { attributeCases } from './attributes.cases.js';

runCorpus('attributes', attributeCases);
