/**
 * The roles a user signs in with, and who may do what: one table the API's routes, the
 * decision catalogues, the dashboard and the tests all read.
 */
export const roles = [
  'safeguarding-lead',
  'business-manager',
  'partner-representative',
  'panel-liaison',
  'independent-chair',
  'viewer',
] as const;

export type Role = (typeof roles)[number];

/** Who did something: recorded with every decision, so the history is the audit trail. */
export interface Actor {
  userId: string;
  role: Role;
}

export const EVERYONE: readonly Role[] = roles;
export const LEADS: readonly Role[] = ['safeguarding-lead', 'business-manager'];
export const MANAGERS: readonly Role[] = ['business-manager'];
/** Who may record an approval of the executive group or the chair. */
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

/** Reading the notices sent: the API's list and the dashboard's page both go by this. */
export const READ_NOTICES = { roles: NOTICE_READERS, summary: 'List the notices delivered' } as const;
