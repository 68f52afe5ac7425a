/**
 * `cli replan --partnership ID --reason TEXT --user ID`: after the holiday data or a pack's
 * closure days change (and the worker has been restarted with them), every open case of the
 * partnership plans its pending deadlines again. Extended, met and breached ones stay.
 */
import { parseArgs } from 'node:util';
import { createWorkflowServices, gatewaySettings } from '../client';
import { type Config, temporalAddress } from '../config';
import type { PolicyRegistry } from '../policy/registry';
import { connectClient } from '../temporal/connection';
import { dataConverterWith, payloadCodecFor } from '../temporal/dataConverter';
import { UsageError } from './usage';

const CONNECT_TIMEOUT_MS = 5_000;

export async function replanCommand(
  args: string[],
  context: { config: Config; policies: PolicyRegistry; progress: (line: string) => void },
): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      partnership: { type: 'string' },
      reason: { type: 'string' },
      user: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const usage = 'usage: replan --partnership ID --reason TEXT --user ID';
  if (!values.partnership) throw new UsageError(`give the partnership with --partnership; ${usage}`);
  if (!values.reason?.trim()) throw new UsageError(`say why with --reason; ${usage}`);
  if (!values.user || !/^[A-Za-z0-9._@-]{1,64}$/.test(values.user))
    throw new UsageError(`name who asks with --user (a user id); ${usage}`);
  context.policies.get(values.partnership); // an unknown partnership is a usage error

  const { config } = context;
  // A person is waiting at the terminal: a server that is down is reported within seconds.
  const client = await connectClient(temporalAddress(config), config.temporal.namespace, {
    dataConverter: dataConverterWith(payloadCodecFor(config)),
    auth: config.temporalAuth,
    timeoutMs: CONNECT_TIMEOUT_MS,
  });
  try {
    const { cases } = createWorkflowServices(client, config.temporal.taskQueue, context.policies, {
      settings: gatewaySettings(config.api, config.dataDir),
    });
    const asked = await cases.replanOpen(
      values.partnership,
      { reason: values.reason.trim(), actor: { userId: values.user, role: 'business-manager' } },
      (done) => context.progress(`asked ${done} case(s) to re-plan`),
    );
    return { partnership: values.partnership, reason: values.reason.trim(), cases: asked };
  } finally {
    await client.connection.close();
  }
}
