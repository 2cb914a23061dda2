import { z } from 'zod';

/** A host name or address as a Host header carries it, with an optional port. */
const hostName = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'a host name such as runner.example.com, optionally with :port')
  .max(255);

/** The `api` section of config.yaml: who may read the runner's /status and /metrics. */
export const apiConfigSchema = z
  .object({
    auth: z
      .enum(['loopback', 'required'])
      .default('loopback')
      .describe(
        'loopback: /status and /metrics are open on 127.0.0.1 (the default); required: they need Authorization: Bearer <token> (scope read). Binding beyond loopback (--bind) always requires a token. POST /halt and /resume always need a trade token.',
      ),
    publicNames: z
      .array(hostName)
      .max(16)
      .default([])
      .describe('Host header names the runner also answers besides its bound address (a reverse proxy in front of it); any other Host is refused with 403.'),
    maxConnections: z.number().int().min(1).max(4096).default(64).describe('Most HTTP connections open at once; more are closed at once.'),
  })
  .strict();

export type ApiConfig = z.infer<typeof apiConfigSchema>;
