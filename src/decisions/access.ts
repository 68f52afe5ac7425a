/**
 * Who may take a decision, checked the same way wherever it is taken (an API route, a
 * dashboard form): the role the catalogue names, a partnership the user works in, and, for a
 * decision a partner representative takes for their partner, their own partner only.
 */
import type { Principal } from '../auth/principal';
import type { Role } from '../auth/roles';
import { forbidden, notFound } from '../errors';

interface Guarded {
  roles: readonly Role[] | 'public';
  summary: string;
  forOwnPartner?: boolean;
}

/** The role first: nothing is looked up for a user whose role may not do this. */
export function assertRole(principal: Principal, action: Guarded): void {
  if (action.roles !== 'public' && !action.roles.includes(principal.role))
    throw forbidden(`a ${principal.role} may not ${action.summary.toLowerCase()}`);
}

/** Then the partnerships the request acts in: the user must work in each. */
export function assertWorksIn(principal: Principal, partnerships: readonly string[]): void {
  const outside = partnerships.filter((p) => !principal.partnerships.includes(p));
  if (outside.length > 0) throw forbidden(`you do not work in the ${outside.join(', ')} partnership`);
}

/**
 * A record the user may see: one of another partnership is answered as one that does not
 * exist (`missing`), so nobody can probe for another partnership's cases.
 */
export function assertSees(principal: Principal, partnership: string, missing: string): void {
  if (!principal.partnerships.includes(partnership)) throw notFound(missing);
}

/**
 * A partner representative takes such a decision for their own partner, or for another only
 * as its nominated proxy, with that partner's written authority named (000 §12.31; whether the
 * pack allows proxies, the workflow checks); the business manager records one only as a proxy.
 */
export function assertForOwnPartner(principal: Principal, action: Guarded, body: unknown): void {
  if (!action.forOwnPartner || principal.role !== 'partner-representative') return;
  const { partnerId, proxyAuthorisedBy } = (body ?? {}) as {
    partnerId?: unknown;
    proxyAuthorisedBy?: unknown;
  };
  if (partnerId !== principal.partnerId && proxyAuthorisedBy === undefined)
    throw forbidden(`you vote for ${principal.partnerId ?? 'no partner'}, not ${String(partnerId)}`);
}
