// The built-in step kinds. A suite that needs another kind defines it in its folder and lists it
// in its SuiteDefinition; the runner looks kinds up by `op`.
import type { AnyStepKind } from '../types.js';
import { changeVisibilityBatchKind, deleteBatchKind, sendBatchKind } from './batch.js';
import { attributeEffectKind } from './attribute-effect.js';
import { fifoSendBatchKind, fifoSendKind } from './fifo.js';
import { changeVisibilityKind, deleteKind } from './handles.js';
import { manageKind } from './manage.js';
import { probeKind } from './probe.js';
import { countsKind, purgeKind } from './purge.js';
import { listMoveTasksKind, listSourcesKind, moveTaskKind, moveTaskProbeKind, redriveProbeKind } from './redrive.js';
import { receiveKind, receiveRetryKind } from './receive.js';
import { sendKind } from './send.js';
import { sleepKind } from './sleep.js';

export const BUILTIN_STEPS: readonly AnyStepKind[] = [sleepKind, sendKind, receiveKind, deleteKind, changeVisibilityKind, probeKind, fifoSendKind, fifoSendBatchKind, listSourcesKind, redriveProbeKind, purgeKind, receiveRetryKind, moveTaskKind, listMoveTasksKind, moveTaskProbeKind, countsKind, sendBatchKind, deleteBatchKind, changeVisibilityBatchKind, manageKind, attributeEffectKind];

export * from './sleep.js';
export * from './send.js';
export * from './receive.js';
export * from './handles.js';
export * from './probe.js';
export * from './fifo.js';
export * from './redrive.js';
export * from './purge.js';
export * from './batch.js';
export * from './attributes.js';
export * from './manage.js';
export * from './attribute-effect.js';
