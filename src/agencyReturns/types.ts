/** Requests for information from agencies, as a case or a local review keeps them. */
import type { Actor } from '../auth/roles';
import type { IsoDate } from '../calendar';

/** Someone to send an agency's requests and chases to (a professional contact, never the family). */
export interface Contact {
  name: string;
  email: string;
}

/**
 * A request for information from one agency (Children Act 2004 s16H, 000 §9.5): the
 * chronology or agency report the rapid review or the CSPR is built from. The API fills in
 * the pack's defaults, so the terms a case ran by are in its history.
 */
export interface AgencyReturnRequest {
  /** The agency's id in the partnership's pack. */
  agency: string;
  agencyName: string;
  contact: Contact;
  requestedOn: IsoDate;
  workingDays: number;
  /** Working days overdue before the agency's safeguarding partner lead is told. */
  escalateAfterWorkingDays: number;
  /** Whether the rapid review waits for it (unless the business manager overrides). */
  required: boolean;
  actor: Actor;
}

export interface AgencyReturnReceipt {
  agency: string;
  receivedOn: IsoDate;
  actor: Actor;
}

export interface AgencyReturnChase {
  agency: string;
  actor: Actor;
}

export interface AgencyReturnWithdrawal {
  agency: string;
  reason: string;
  actor: Actor;
}

export type AgencyReturnState = 'requested' | 'received' | 'overdue' | 'withdrawn';

export interface AgencyReturnView {
  agency: string;
  agencyName: string;
  contactName: string;
  requestedOn: IsoDate;
  dueDate: IsoDate;
  required: boolean;
  state: AgencyReturnState;
  receivedOn?: IsoDate;
  /** Received after its due date. */
  late?: boolean;
  /** The agency's safeguarding partner lead has been told it is overdue. */
  escalated: boolean;
  withdrawnReason?: string;
}
