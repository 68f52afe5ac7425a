/** What the dashboard's pages stand on: the same services as the API, and the sign-in settings. */
import type { AuthSettings, Verifier } from '../../src/auth/tokens';
import type { CaseBoard } from '../../src/client/caseBoard';
import type { CaseService } from '../../src/client/caseService';
import type { ComplaintService } from '../../src/client/complaintService';
import type { LearningActionService } from '../../src/client/learningActionService';
import type { MeetingService } from '../../src/client/meetingService';
import type { ReportService } from '../../src/client/reportService';
import type { OutboxNotifier } from '../../src/notify/outbox';
import type { PolicyRegistry } from '../../src/policy/registry';
import type { RevokedSessions } from '../../src/auth/revocations';
import type { CalendarFeeds } from './calendarFeed';
import type { FormTokens } from './session';
import type { OidcSignIn } from './oidcSignIn';

export interface DashboardDeps {
  cases: CaseService;
  /** The open cases, kept by the API process: the cases page reads them from here. */
  board: CaseBoard;
  reports: ReportService;
  actions: LearningActionService;
  complaints: ComplaintService;
  meetings: MeetingService;
  outbox: OutboxNotifier;
  /** The calendar feed addresses: made, read and revoked. */
  feeds: CalendarFeeds;
  /** Sessions signed out before they expire. */
  sessions: RevokedSessions;
  /** The token each form carries, bound to its session. */
  forms: FormTokens;
  policies: PolicyRegistry;
  verify: Verifier;
  auth: AuthSettings;
  /** Secure cookies: true behind HTTPS in production. */
  secureCookies: boolean;
  /** Sign-in at the OIDC issuer (production); without it, the development form. */
  oidc?: OidcSignIn;
  now?: () => number;
}
