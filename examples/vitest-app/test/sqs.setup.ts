// The reference server for the whole test run, with the queues of queues.json. It sets
// AWS_ENDPOINT_URL_SQS (and a region and dummy credentials when unset), so the app's own
// `new SQSClient({})` talks to it; tests can also read it with inject('sqsConformance').
import { sqsGlobalSetup } from 'sqs-conformance/testing/vitest';

export default sqsGlobalSetup({ queues: new URL('../queues.json', import.meta.url) });
