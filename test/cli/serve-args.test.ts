// `serve --region R --account-id N` (issue 12): the reference server's queue ARNs and URLs follow them.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/index.js';

describe('serve options', () => {
  it('takes --region and --account-id', () => {
    expect(parseCli(['serve', '--port', '0', '--region', 'eu-west-1', '--account-id', '111122223333'], '0.0.0')).toEqual({
      kind: 'command',
      name: 'serve',
      options: { port: 0, host: '127.0.0.1', region: 'eu-west-1', accountId: '111122223333' },
    });
    expect(parseCli(['serve'], '0.0.0')).toEqual({ kind: 'command', name: 'serve', options: { port: 9324, host: '127.0.0.1' } });
  });

  it('refuses a region or an account id of the wrong form, in one line', () => {
    expect(parseCli(['serve', '--region', 'EU WEST'], '0.0.0')).toMatchObject({ kind: 'error', error: expect.stringMatching(/--region must look like/) });
    expect(parseCli(['serve', '--account-id', '123'], '0.0.0')).toEqual({ kind: 'error', error: "--account-id must be 12 digits, got '123'" });
  });

  it('takes --busy-poll in µs (0 turns it off) and refuses what is not an integer in 0–10000', () => {
    expect(parseCli(['serve', '--busy-poll', '0'], '0.0.0')).toMatchObject({ kind: 'command', options: { busyPoll: 0 } });
    expect(parseCli(['serve', '--busy-poll', '250'], '0.0.0')).toMatchObject({ kind: 'command', options: { busyPoll: 250 } });
    for (const bad of ['-1', '10001', 'fast', '1.5']) {
      expect(parseCli(['serve', '--busy-poll', bad], '0.0.0')).toMatchObject({ kind: 'error', error: expect.stringMatching(/^--busy-poll /) });
    }
  });
});
