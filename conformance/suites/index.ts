// Every suite of the kit, in the order reports list them. The CLI registers these; a library user
// may pass any list of SuiteDefinitions (their own included) to runSuites.
import type { SuiteDefinition } from '../../src/suite/index.js';
import { batch } from './batch/suite.js';
import { errors } from './errors/suite.js';
import { fifo } from './fifo/suite.js';
import { lifecycle } from './lifecycle/suite.js';
import { messageAttributes } from './message-attributes/suite.js';
import { purge } from './purge/suite.js';
import { queueAttributes } from './queue-attributes/suite.js';
import { queues } from './queues/suite.js';
import { redrive } from './redrive/suite.js';
import { tagsPermissions } from './tags-permissions/suite.js';

export const SUITES: readonly SuiteDefinition[] = [lifecycle, fifo, batch, messageAttributes, redrive, purge, queueAttributes, queues, tagsPermissions, errors];
