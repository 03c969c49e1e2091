import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// Issue 16, finding 8: a body shorter than its Content-Length held a connection (and its request) open forever.

interface Outcome {
  readonly answer: string;
  readonly closed: boolean;
  readonly afterMs: number;
}

/** Sends the headers and the first `sent` bytes of a `declared`-byte body, then waits for the server (up to `waitMs`). */
function stalledPost(port: number, declared: number, sent: number, waitMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(
        'POST /v1/listings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${declared}\r\n\r\n` +
          '{'.padEnd(sent, ' '),
      );
    });
    const give = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, closed, afterMs: Date.now() - started });
    };
    const timer = setTimeout(() => give(false), waitMs);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => give(true));
    socket.on('error', () => undefined);
  });
}

describe('a request that stops sending is timed out', () => {
  let s: Stack;
  let port: number;
  beforeAll(async () => {
    s = await startStack('sqlite', { env: { XZ_REQUEST_TIMEOUT_SECONDS: '1' } });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    port = (s.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers 408 and closes when 10 of 100 announced body bytes arrive', async () => {
    const outcome = await stalledPost(port, 100, 10, 6000);
    expect(outcome.closed, `no answer after ${outcome.afterMs} ms: ${JSON.stringify(outcome.answer)}`).toBe(true);
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.afterMs).toBeGreaterThanOrEqual(900);
    expect(outcome.afterMs).toBeLessThan(3000);
  });
});
