// ConformanceQueues: the queues `sqs-conformance run --stack-outputs` plays its suites on — a pool
// of standard queues (one scenario at a time each), FIFO queues, and source/DLQ pairs (standard
// and FIFO). Names are generated (`<prefix>-<hash>-<role>-<n>`), every queue carries the tag
// `sqs-conformance:test-queue=true` (the runner refuses to touch a queue without it) and is
// destroyed with the stack. Stack outputs `<Scope>Sqsc<Role><N>Url|Arn` let the runner find them.
import { CfnOutput, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Queue, RedrivePermission, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { suppressSettingsRule } from './settings-aspect.js';

/** Tag on every queue the construct creates; the runner purges and reconfigures only queues with it. */
export const TEST_QUEUE_TAG = 'sqs-conformance:test-queue';

/** Settings of the source/DLQ pairs (seconds; absent = the AWS default). */
export interface PairSettings {
  visibilityTimeout?: number;
  retentionPeriod?: number;
  receiveMessageWaitTime?: number;
  deliveryDelay?: number;
  /** Receives before a message moves to the DLQ (default 3). */
  maxReceiveCount?: number;
  /** DLQ retention (default 1,209,600 s = 14 days, the maximum). */
  dlqRetentionPeriod?: number;
}

export interface ConformanceQueuesProps {
  /** Start of every queue name (default `sqsc-test`); letters, digits, `-` and `_`, at most 40. */
  prefix?: string;
  /** Standard queues in the pool: the runner uses each for one scenario at a time (default 4). */
  standardQueues?: number;
  /** FIFO queues (default 1). */
  fifoQueues?: number;
  /** Standard source/DLQ pairs (default 1). */
  dlqPairs?: number;
  /** FIFO source/DLQ pairs (default 1). */
  fifoDlqPairs?: number;
  /** Settings of the pairs' source and DLQ queues. Pool queues keep the AWS defaults (the runner sets each scenario's own). */
  pairSettings?: PairSettings;
  /** Prepended to output keys when a stack holds several ConformanceQueues (letters and digits). */
  outputScope?: string;
}

export type QueueRole = 'Standard' | 'Fifo' | 'DlqSource' | 'DlqTarget' | 'FifoDlqSource' | 'FifoDlqTarget';

const SHORT: Record<QueueRole, string> = { Standard: 'std', Fifo: 'fifo', DlqSource: 'src', DlqTarget: 'dlq', FifoDlqSource: 'fsrc', FifoDlqTarget: 'fdlq' };

function count(name: string, v: number | undefined, dflt: number): number {
  const n = v ?? dflt;
  if (!Number.isInteger(n) || n < 0 || n > 50) throw new Error(`ConformanceQueues: ${name} must be an integer from 0 to 50, got ${String(v)}`);
  return n;
}

export class ConformanceQueues extends Construct {
  readonly standard: Queue[] = [];
  readonly fifo: Queue[] = [];
  readonly pairs: Array<{ source: Queue; deadLetter: Queue }> = [];
  readonly fifoPairs: Array<{ source: Queue; deadLetter: Queue }> = [];
  readonly prefix: string;
  private readonly scope: string;

  constructor(scope: Construct, id: string, props: ConformanceQueuesProps = {}) {
    super(scope, id);
    this.prefix = props.prefix ?? 'sqsc-test';
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(this.prefix)) throw new Error(`ConformanceQueues: prefix must be 1-40 letters, digits, '-' or '_', got ${JSON.stringify(this.prefix)}`);
    this.scope = props.outputScope ?? '';
    if (!/^[A-Za-z0-9]*$/.test(this.scope)) throw new Error('ConformanceQueues: outputScope must be letters and digits');
    const s = props.pairSettings ?? {};

    for (let i = 0; i < count('standardQueues', props.standardQueues, 4); i++) {
      const q = this.queue('Standard', i, {});
      suppressSettingsRule(q, 'D1', 'conformance pool queue: the suites need a plain queue without a RedrivePolicy');
      suppressSettingsRule(q, 'P1', 'conformance pool queue: the suites check the default ReceiveMessageWaitTimeSeconds of 0');
      this.standard.push(q);
    }
    for (let i = 0; i < count('fifoQueues', props.fifoQueues, 1); i++) {
      const q = this.queue('Fifo', i, { fifo: true });
      suppressSettingsRule(q, 'D1', 'conformance pool queue: FIFO suites need a queue without a RedrivePolicy');
      suppressSettingsRule(q, 'P1', 'conformance pool queue: the suites check the default ReceiveMessageWaitTimeSeconds of 0');
      this.fifo.push(q);
    }
    for (let i = 0; i < count('dlqPairs', props.dlqPairs, 1); i++) this.pairs.push(this.pair(i, false, s));
    for (let i = 0; i < count('fifoDlqPairs', props.fifoDlqPairs, 1); i++) this.fifoPairs.push(this.pair(i, true, s));
  }

  /** `<prefix>-<hash of the construct path>-<role>-<n>` (+ `.fifo`): unique per stack and construct, fixed across deploys. */
  queueName(role: QueueRole, index: number): string {
    const fifo = role.startsWith('Fifo');
    return `${this.prefix}-${this.node.addr.slice(0, 8)}-${SHORT[role]}-${index}${fifo ? '.fifo' : ''}`;
  }

  private queue(role: QueueRole, index: number, extra: Partial<ConstructorParameters<typeof Queue>[2]>): Queue {
    const q = new Queue(this, `${role}${index}`, {
      queueName: this.queueName(role, index),
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      ...extra,
    });
    Tags.of(q).add(TEST_QUEUE_TAG, 'true');
    new CfnOutput(this, `${role}${index}Url`, { value: q.queueUrl, description: `sqs-conformance ${role} queue ${index} URL` }).overrideLogicalId(`${this.scope}Sqsc${role}${index}Url`);
    new CfnOutput(this, `${role}${index}Arn`, { value: q.queueArn, description: `sqs-conformance ${role} queue ${index} ARN` }).overrideLogicalId(`${this.scope}Sqsc${role}${index}Arn`);
    return q;
  }

  private pair(index: number, fifo: boolean, s: PairSettings): { source: Queue; deadLetter: Queue } {
    const sourceRole: QueueRole = fifo ? 'FifoDlqSource' : 'DlqSource';
    const dlqRole: QueueRole = fifo ? 'FifoDlqTarget' : 'DlqTarget';
    // The DLQ lets only its source in. The source's ARN is built from its (literal) name, not read
    // from the source, so that the two queues do not depend on each other.
    const sourceArn = Stack.of(this).formatArn({ service: 'sqs', resource: this.queueName(sourceRole, index) });
    const sourceRef: IQueue = Queue.fromQueueArn(this, `${sourceRole}${index}Ref`, sourceArn);
    const deadLetter = this.queue(dlqRole, index, {
      ...(fifo ? { fifo: true } : {}),
      retentionPeriod: Duration.seconds(s.dlqRetentionPeriod ?? 1_209_600),
      redriveAllowPolicy: { redrivePermission: RedrivePermission.BY_QUEUE, sourceQueues: [sourceRef] },
    });
    suppressSettingsRule(deadLetter, 'D10', 'test DLQ: the conformance run inspects it directly; nobody is paged');
    const source = this.queue(sourceRole, index, {
      ...(fifo ? { fifo: true } : {}),
      ...(s.visibilityTimeout !== undefined ? { visibilityTimeout: Duration.seconds(s.visibilityTimeout) } : {}),
      ...(s.retentionPeriod !== undefined ? { retentionPeriod: Duration.seconds(s.retentionPeriod) } : {}),
      ...(s.receiveMessageWaitTime !== undefined ? { receiveMessageWaitTime: Duration.seconds(s.receiveMessageWaitTime) } : {}),
      ...(s.deliveryDelay !== undefined ? { deliveryDelay: Duration.seconds(s.deliveryDelay) } : {}),
      deadLetterQueue: { queue: deadLetter, maxReceiveCount: s.maxReceiveCount ?? 3 },
    });
    if (s.receiveMessageWaitTime === undefined) suppressSettingsRule(source, 'P1', 'conformance pair: the suites set WaitTimeSeconds on each receive');
    if (fifo) suppressSettingsRule(source, 'D7', 'conformance pair: the FIFO DLQ exists to test moves');
    return { source, deadLetter };
  }
}
