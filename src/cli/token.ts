/**
 * `cli token --role ROLE --partnership ID [--partnership ID…] --user ID [--partner ID] [--hours N]`:
 * a development bearer token, signed with DATA_DIR's key, printed alone on stdout.
 */
import { parseArgs } from 'node:util';
import { roles } from '../auth/principal';
import { issueDevToken } from '../auth/tokens';
import type { Role } from '../auth/roles';
import type { Config } from '../config';
import type { PolicyRegistry } from '../policy/registry';
import { UsageError } from './usage';

const USAGE =
  'usage: token --role ROLE --partnership ID [--partnership ID] --user ID [--partner ID] [--hours N]';

export async function tokenCommand(
  args: string[],
  config: Config,
  policies: PolicyRegistry,
): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      partnership: { type: 'string', multiple: true },
      user: { type: 'string' },
      partner: { type: 'string' },
      hours: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (config.auth.mode !== 'development')
    throw new UsageError(
      'tokens come from the OIDC issuer when AUTH_MODE=oidc; this mints development tokens only',
    );
  if (!values.role || !(roles as readonly string[]).includes(values.role))
    throw new UsageError(`--role must be one of ${roles.join(', ')}; ${USAGE}`);
  const partnerships = values.partnership ?? [];
  if (partnerships.length === 0) throw new UsageError(`give at least one --partnership; ${USAGE}`);
  for (const p of partnerships) policies.get(p); // unknown: a usage error
  if (!values.user || !/^[A-Za-z0-9._@|:-]{1,128}$/.test(values.user))
    throw new UsageError(`name the user with --user (letters, digits, . _ @ | : -); ${USAGE}`);
  if (values.role === 'partner-representative') {
    const partners = partnerships.flatMap((p) => policies.get(p).partners.map((x) => x.id));
    if (!values.partner || !partners.includes(values.partner))
      throw new UsageError(`a partner representative needs --partner, one of ${partners.join(', ')}`);
  } else if (values.partner) {
    throw new UsageError('--partner is for a partner representative only');
  }
  const hours = values.hours ?? '8';
  if (!/^\d{1,3}$/.test(hours) || Number(hours) < 1 || Number(hours) > 168)
    throw new UsageError('--hours must be a whole number from 1 to 168');
  return issueDevToken(
    config.auth.dataDir,
    {
      userId: values.user,
      role: values.role as Role,
      partnerships,
      ...(values.partner && { partnerId: values.partner }),
    },
    `${hours}h`,
  );
}
