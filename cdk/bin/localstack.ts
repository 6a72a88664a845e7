#!/usr/bin/env node
// Starts LocalStack in host mode with the services `cdklocal` needs (cloudformation, s3, sts, iam,
// ssm, sqs) on 127.0.0.1:4566 (or the port given), installing it from PyPI into .peers/ on first
// use, and keeps it running until Ctrl-C. Used by `npm run localstack:cdk`.
import { defaultWorkDir } from '../../src/target/index.js';
import { startLocalStackForCdk } from '../lib/localstack.js';

const port = Number(process.argv[2] ?? 4566);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: localstack [PORT] (got ${process.argv[2]})`);
  process.exit(2);
}
try {
  const ls = await startLocalStackForCdk(defaultWorkDir(), (line) => console.error(line), port);
  console.log(`LocalStack is ready at ${ls.endpoint} (Ctrl-C to stop). For cdklocal and the AWS CLI:`);
  console.log(`  export AWS_ENDPOINT_URL=${ls.endpoint} AWS_ENDPOINT_URL_S3=${ls.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1`);
  const stop = () => {
    void ls.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The server process does not hold the event loop open: this does, until a signal.
  setInterval(() => {}, 1 << 30);
} catch (e) {
  console.error(`localstack: ${(e as Error).message}`);
  process.exit(2);
}
