/**
 * Who is asking, as a verified token says: a user, one role, the partnerships they work in
 * and, for a partner representative, the statutory partner they vote for.
 */
import { z } from 'zod';
import { type Role, roles } from './roles';

export { roles };

export interface Principal {
  userId: string;
  role: Role;
  partnerships: string[];
  /** The statutory partner a partner representative speaks for. */
  partnerId?: string;
}

/** The claims a token must carry (besides the standard ones the verifier checks). */
export const principalClaims = z.object({
  sub: z.string().regex(/^[A-Za-z0-9._@|:-]{1,128}$/, 'must be a user id'),
  role: z.enum(roles),
  partnerships: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
  partner: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .optional(),
});

export function principalFrom(claims: z.infer<typeof principalClaims>): Principal {
  return {
    userId: claims.sub,
    role: claims.role,
    partnerships: claims.partnerships,
    ...(claims.partner && { partnerId: claims.partner }),
  };
}
