/** Development tokens for the tests, signed with the data directory's key as `cli token` does. */
import { issueDevToken } from '../../src/auth/tokens';
import type { Role } from '../../src/auth/roles';

export const ALL_PARTNERSHIPS = ['derby-derbyshire', 'dudley', 'durham', 'kirklees'];

/** An Authorization header for a user with `role` in `partnerships`. */
export async function bearer(
  dataDir: string,
  role: Role,
  options: { partnerships?: string[]; partnerId?: string; userId?: string } = {},
): Promise<Record<string, string>> {
  const token = await issueDevToken(dataDir, {
    userId: options.userId ?? `${role}-1`,
    role,
    partnerships: options.partnerships ?? ALL_PARTNERSHIPS,
    ...(options.partnerId && { partnerId: options.partnerId }),
  });
  return { authorization: `Bearer ${token}` };
}
