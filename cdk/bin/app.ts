#!/usr/bin/env node
// The CDK app of sqs-conformance: one stack of test queues (ConformanceQueues) for
// `sqs-conformance run --stack-outputs`, checked at synth time by the settings rules (SettingsChecks).
// Settings come from context (cdk.json, or -c key=value):
//   stackName (SqsConformanceQueues), prefix (sqsc-test), standardQueues (4), fifoQueues (1),
//   dlqPairs (1), fifoDlqPairs (1), visibilityTimeout, retentionPeriod, maxReceiveCount,
//   dlqRetentionPeriod (seconds; applied to the source/DLQ pairs).
import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import { ConformanceQueues, type ConformanceQueuesProps, type PairSettings } from '../lib/conformance-queues.js';
import { SettingsChecks } from '../lib/settings-aspect.js';

const app = new App();
const ctx = (key: string): unknown => app.node.tryGetContext(key);

function int(key: string): number | undefined {
  const v = ctx(key);
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v));
  if (!Number.isInteger(n)) throw new Error(`context ${key} must be an integer, got ${JSON.stringify(v)}`);
  return n;
}

const pairSettings: PairSettings = {};
const pairKeys = ['visibilityTimeout', 'retentionPeriod', 'receiveMessageWaitTime', 'deliveryDelay', 'maxReceiveCount', 'dlqRetentionPeriod'] as const;
for (const key of pairKeys) {
  const n = int(key);
  if (n !== undefined) pairSettings[key] = n;
}
const props: ConformanceQueuesProps = { pairSettings };
const prefix = ctx('prefix');
if (typeof prefix === 'string') props.prefix = prefix;
for (const key of ['standardQueues', 'fifoQueues', 'dlqPairs', 'fifoDlqPairs'] as const) {
  const n = int(key);
  if (n !== undefined) props[key] = n;
}

const stackName = typeof ctx('stackName') === 'string' ? (ctx('stackName') as string) : 'SqsConformanceQueues';
const stack = new Stack(app, stackName, { description: 'sqs-conformance test queues (safe to delete)' });
new ConformanceQueues(stack, 'Queues', props);
Aspects.of(app).add(new SettingsChecks(), { priority: AspectPriority.READONLY });
app.synth();
