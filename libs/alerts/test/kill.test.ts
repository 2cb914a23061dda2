import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Alerting, readOutboxCounts, verifySignature, type SendEvent } from '../src/index';
import { startHttpReceiver, type Answer, type ReceivedRequest } from './support/http-receiver';
import { hookSecret, tempDir, WEBHOOK_SECRET, webhookConfig } from './support/setup';

const JITI = join(createRequire(import.meta.url).resolve('jiti/package.json'), '..', 'lib', 'jiti-cli.mjs');
const CHILD = fileURLToPath(new URL('./fixtures/enqueue-child.ts', import.meta.url));
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('kill -9 with alerts queued', () => {
  it('the restart sends each queued alert exactly once, and not the one sent before the crash', async () => {
    const delivered: string[] = [];
    let a1Seen = 0;
    // a1's first delivery hangs: the process dies with it in flight, unacknowledged.
    const rx = await startHttpReceiver((r: ReceivedRequest): Answer => {
      const v = verifySignature({ body: r.body, header: r.headers['x-rustybt-signature'] as string, secret: WEBHOOK_SECRET });
      if (!v.ok) return { status: 401, body: v.reason };
      const id = r.headers['x-rustybt-alert-id'] as string;
      if (id === 'a1' && a1Seen++ === 0) return 'hang';
      delivered.push(id);
      return { status: 200, body: 'ok' };
    });
    const file = join(tmp.dir, 'kill.alerts.db');
    try {
      const child = spawn(process.execPath, [JITI, CHILD, file, `${rx.url}/hook`], {
        env: { ...process.env, HOOK_SECRET: WEBHOOK_SECRET },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      // a0 delivered, a1 in flight (held by the receiver), a2 and a3 waiting behind it.
      await rx.waitFor(2);
      expect(rx.requests.map((r) => r.headers['x-rustybt-alert-id'])).toEqual(['a0', 'a1']);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(stderr).toBe('');
      expect(readOutboxCounts(file)).toMatchObject({ sent: 1, pending: 3 });

      const events: SendEvent[] = [];
      const restarted = Alerting.open({ file, config: webhookConfig(`${rx.url}/hook`), resolveSecret: hookSecret, onEvent: (e) => events.push(e) });
      restarted.start();
      try {
        await rx.waitFor(5);
        await new Promise<void>((resolve) => {
          const t = setInterval(() => events.length >= 3 && (clearInterval(t), resolve()), 20);
        });
        expect(delivered).toEqual(['a0', 'a1', 'a2', 'a3']);
        expect(events.map((e) => [e.kind, e.id])).toEqual([
          ['sent', 'a1'],
          ['sent', 'a2'],
          ['sent', 'a3'],
        ]);
        expect(restarted.metrics()).toMatchObject({ depth: 0, sent: 3 });
      } finally {
        await restarted.close();
      }
      // A second restart has nothing to send.
      const again = Alerting.open({ file, config: webhookConfig(`${rx.url}/hook`), resolveSecret: hookSecret });
      await again.sender.drain();
      await again.close();
      expect(delivered).toEqual(['a0', 'a1', 'a2', 'a3']);
    } finally {
      await rx.close();
    }
  });
});
