// When `serve` starts itself again with the server's V8 flags (src/server/node-flags.ts).
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, serveRespawnFlags } from '../../src/server/index.js';

const linux = (args: string[], execArgv: string[] = [], env: Record<string, string> = {}) => serveRespawnFlags(args, execArgv, env, 'linux');

describe('serveRespawnFlags', () => {
  it('serve gets the server flags, with any of its options', () => {
    expect(linux(['serve'])).toEqual(SERVER_NODE_FLAGS);
    expect(linux(['serve', '--port', '0', '--busy-poll', '50'])).toEqual(SERVER_NODE_FLAGS);
    expect(SERVER_NODE_FLAGS.some((f) => f.startsWith('--max-semi-space-size='))).toBe(true);
  });

  it('other commands, help and a second start run where they are', () => {
    for (const args of [[], ['run'], ['run', 'serve'], ['matrix'], ['serve', '--help'], ['serve', '-h'], ['--help', 'serve']]) expect(linux(args)).toBeUndefined();
  });

  it('a flag the user already gave wins, on the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(linux(['serve'], ['--max-semi-space-size=16'])).toBeUndefined();
    expect(linux(['serve'], ['--max_semi_space_size=1'])).toBeUndefined();
    expect(linux(['serve'], [], { NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32' })).toBeUndefined();
    // The started-again process has the flags in its execArgv: it never starts a third.
    expect(linux(['serve'], [...SERVER_NODE_FLAGS])).toBeUndefined();
    expect(linux(['serve'], ['--enable-source-maps'], { NODE_OPTIONS: '--no-warnings' })).toEqual(SERVER_NODE_FLAGS);
  });

  it('not on Windows, not under a debugger, not when switched off', () => {
    expect(serveRespawnFlags(['serve'], [], {}, 'win32')).toBeUndefined();
    expect(linux(['serve'], ['--inspect=9229'])).toBeUndefined();
    expect(linux(['serve'], ['--inspect-brk'])).toBeUndefined();
    expect(linux(['serve'], [], { SQS_CONFORMANCE_NO_RESPAWN: '1' })).toBeUndefined();
    expect(linux(['serve'], [], { SQS_CONFORMANCE_NO_RESPAWN: '' })).toEqual(SERVER_NODE_FLAGS);
  });
});
