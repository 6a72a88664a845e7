// Loopback ports for peers: a free one, and starting a server on one with a retry when another
// process took the port between the check and the server's bind.
import { createServer } from 'node:net';
import { ServerExitedError } from './spawn.js';

/** A TCP port that is free on 127.0.0.1 right now (the server is then started on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.once('error', reject);
    s.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const a = s.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      s.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

const PORT_TAKEN = /address already in use|EADDRINUSE|BindException|bind: address|Errno 98/i;

/**
 * Picks a free port and starts on it; when the server dies because the port was taken meanwhile,
 * tries again with another port.
 */
export async function startOnFreePort<T>(attempts: number, start: (port: number) => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (e) {
      if (i < attempts && e instanceof ServerExitedError && PORT_TAKEN.test(e.log.tail.join('\n'))) continue;
      throw e;
    }
  }
}
