/** How the dashboard words and colours what the records hold: labels and GOV.UK tag classes. */
import type { CaseType } from '../../src/policy/schema';

export const RAG_TEXT = { red: 'Overdue', amber: 'Due soon', green: 'On track' } as const;
export const RAG_CLASS = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--yellow',
  green: 'govuk-tag--green',
} as const;

export const STATE_CLASS: Record<string, string> = {
  pending: 'govuk-tag--blue',
  met: 'govuk-tag--green',
  'met-late': 'govuk-tag--orange',
  breached: 'govuk-tag--red',
  extended: 'govuk-tag--purple',
  'not-applicable': 'govuk-tag--grey',
  paused: 'govuk-tag--yellow',
};

export const CASE_TYPE_NAMES: Record<CaseType, string> = {
  'serious-incident': 'Serious incident',
  'looked-after-child-death': "A looked-after child's death",
  'care-leaver-death': "A care leaver's death",
  'local-review-only': 'Reviewed locally (not serious)',
};

export const RETURN_CLASS: Record<string, string> = {
  requested: 'govuk-tag--blue',
  received: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

/** The deadlines as people name them, on the upcoming page and in the calendar feed. */
export const DEADLINE_NAMES: Record<string, string> = {
  considerationMeeting: 'consideration meeting',
  notification: 'notification to the National Panel',
  rapidReview: 'rapid review',
  panelResponse: "National Panel's response (chase)",
  csprPublication: 'local review completed and published',
  finalReportToPanel: 'final report to the Panel',
  takedown: 'report off the website',
  familyTold: 'family told the decision',
  familyToldAgain: 'family told the changed decision',
  tieResolution: "independent chair's resolution of the tie",
  tieEscalation: 'outcome of the escalated tie',
};

/** A row's status tag on the lists of complaints, meetings and actions. */
export function statusTag(item: { breached: boolean; status: 'open' | 'closed' }) {
  if (item.breached) return { tag: 'Overdue', classes: 'govuk-tag--red' };
  return item.status === 'open'
    ? { tag: 'Open', classes: 'govuk-tag--blue' }
    : { tag: 'Closed', classes: 'govuk-tag--grey' };
}
