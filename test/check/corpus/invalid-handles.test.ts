import { runCorpus } from '../../support/corpus.js';
import { invalidHandleCases } from './invalid-handles.cases.js';

runCorpus('invalid handles', invalidHandleCases);
