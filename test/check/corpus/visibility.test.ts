import { runCorpus } from './corpus.js';
import { visibilityCases } from './visibility.cases.js';

runCorpus('visibility', visibilityCases);
