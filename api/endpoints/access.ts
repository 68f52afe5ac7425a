/** Who may do what (issue: roles at least), in one table the endpoints and the tests share. */
import { roles } from '../../src/auth/principal';
import type { Role } from '../../src/case/types';

export const EVERYONE: readonly Role[] = roles;
export const LEADS: readonly Role[] = ['safeguarding-lead', 'business-manager'];
export const MANAGERS: readonly Role[] = ['business-manager'];
export const APPROVERS: readonly Role[] = ['business-manager', 'independent-chair'];
export const PARTNERS: readonly Role[] = ['partner-representative', 'business-manager'];
export const LIAISONS: readonly Role[] = ['panel-liaison', 'business-manager'];
export const CHAIRS: readonly Role[] = ['independent-chair'];
export const NOTICE_READERS: readonly Role[] = [
  'panel-liaison',
  'business-manager',
  'independent-chair',
  'viewer',
];
