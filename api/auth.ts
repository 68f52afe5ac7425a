/** Bearer tokens on every route that is not public: 401 without a valid one. */
import type { Request } from 'express';
import type { Principal } from '../src/auth/principal';
import { TokenError, type Verifier } from '../src/auth/tokens';
import { sessionToken } from './dashboard/session';
import type { Authenticate } from './operations';
import { HttpProblem } from './problem';

const CHALLENGE = 'Bearer realm="case-review"';

export function bearerAuthentication(verify: Verifier): Authenticate {
  return async (req: Request, options = {}): Promise<Principal> => {
    const header = req.headers.authorization;
    const token =
      header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? (options.sessionCookie ? sessionToken(req) : undefined);
    if (!token) {
      throw new HttpProblem(401, 'Sign-in needed', 'send a bearer token in the Authorization header', [], {
        'WWW-Authenticate': CHALLENGE,
      });
    }
    try {
      return await verify(token);
    } catch (err) {
      if (!(err instanceof TokenError)) throw err;
      throw new HttpProblem(401, 'Sign-in needed', err.message, [], {
        'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"`,
      });
    }
  };
}
