// comlink across a real MessageChannel: an AppError thrown on one side arrives with its code on the other.
import { expose, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, errorCodeOf } from '../pipeline/errors';
import { installErrorTransfer } from './protocol';

describe('installErrorTransfer', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

  it('keeps AppError.code, message and name across the boundary', async () => {
    installErrorTransfer();
    const channel = new MessageChannel();
    channels.push(channel);
    expose(
      {
        fail() {
          throw new AppError('decode-failed', 'The file could not be decoded.');
        },
        succeed: () => 'ok',
      },
      channel.port1,
    );
    const remote = wrap<{ fail(): string; succeed(): string }>(channel.port2);
    expect(await remote.succeed()).toBe('ok');
    const error = await remote.fail().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(errorCodeOf(error)).toBe('decode-failed');
    expect((error as Error).message).toBe('The file could not be decoded.');
  });
});
