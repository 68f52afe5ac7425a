/**
 * The words of each notice: the case reference, the deadline, and what the recipient must
 * do. Built from facts the workflow recorded, so nothing personal can slip in.
 */
import type { RecipientRole } from '../policy/schema';
import type { NoticeType } from './types';

type Facts = Record<string, string>;

const deadlineNames: Record<string, string> = {
  considerationMeeting: 'the notification consideration meeting',
  notification: 'the serious incident notification to the National Panel',
  rapidReview: 'the rapid review',
  panelResponse: "the National Panel's response",
  csprPublication: 'the completion and publication of the local review',
  finalReportToPanel: 'the final report to the National Panel and the Secretary of State',
  takedown: 'the removal of the published report from the website',
  actionConfirmed: 'confirming to the referrer the action taken on the complaint',
  complaintOutcome: 'the outcome of the complaint, or a timescale for further action, in writing',
  furtherAction: 'the further action promised on the complaint',
  appealResponse: "the independent chair's written answer to the appeal",
  agendaRequests: 'requests for agenda items',
  reports: 'reports for the meeting',
  agendaCirculation: 'circulating the agenda',
  specialMeetingNotice: 'notice of the special meeting',
  learningAction: 'the learning action',
  familyTold: "telling the child and family the partners' decision and its rationale",
  familyToldAgain: 'telling the child and family the outcome after reconsideration',
  tieResolution: "the independent chair's resolution of the tied vote",
  tieEscalation: 'the outcome of the escalated tie',
};

/** How a notice names the bodies a notification goes to. */
const RECIPIENT_WORDS: Partial<Record<RecipientRole, string>> = {
  'panel-liaison': 'the National Panel',
  'secretary-of-state': 'the Secretary of State',
  ofsted: 'Ofsted',
  'safeguarding-partners': 'the safeguarding partners',
};

export const recipientWords = (role: RecipientRole): string => RECIPIENT_WORDS[role] ?? role;

const name = (key: string | undefined, f: Facts = {}) => {
  if (key && /^(cspr-)?agency-return:/.test(key))
    return `the information return from ${f.agencyName ?? key.split(':')[1]}${key.endsWith(':escalation') ? ' (escalation)' : ''}`;
  if (key === 'learningAction' && f.action) return `the learning action "${f.action}" (${f.agencyName})`;
  if (key === 'notification' && f.notifiedTo) return `the notification of the death to ${f.notifiedTo}`;
  return (key && deadlineNames[key]) ?? key ?? 'a deadline';
};

const templates: Record<NoticeType, (ref: string, f: Facts) => { subject: string; body: string }> = {
  'case-started': (ref, f) => ({
    subject: `Case ${ref}: serious incident case started`,
    body: f.dueDate
      ? `Case ${ref} was started. A partner became aware of the incident on ${f.awareAt}. ${f.notifiedTo ? `${f.notifiedTo[0]!.toUpperCase()}${f.notifiedTo.slice(1)} must be notified, through the DfE notification service,` : 'The National Panel must be notified'} by ${f.dueDate}.`
      : `Case ${ref} was started, to be reviewed locally although it is not a serious child safeguarding case (aware on ${f.awareAt}). No national notification is needed: the safeguarding partners decide whether to review it.`,
  }),
  'deadline-reminder': (ref, f) => ({
    subject: `Case ${ref}: ${name(f.deadlineKey, f)} is due ${f.dueDate}`,
    body: `Reminder: ${name(f.deadlineKey, f)} for case ${ref} is due by the end of ${f.dueDate} (${f.workingDaysBefore} working days from now). Record it in the case when it is done.`,
  }),
  'deadline-breached': (ref, f) => ({
    subject: `Case ${ref}: ${name(f.deadlineKey, f)} is overdue`,
    body: `The ${f.statutoryDueDate ? 'approved extended' : 'statutory'} deadline for ${name(f.deadlineKey, f)} on case ${ref} passed at the end of ${f.dueDate} with nothing recorded${f.statutoryDueDate ? ` (the statutory due date was ${f.statutoryDueDate})` : ''}. Please escalate and record it as soon as it is done.`,
  }),
  'incident-notified': (ref, f) => ({
    subject: `Case ${ref}: serious incident notified`,
    body: f.rapidReviewDue
      ? `The serious incident on case ${ref} was notified to the National Panel on ${f.notifiedOn}. A rapid review is due by ${f.rapidReviewDue}.`
      : `The death on case ${ref} was notified to ${f.notifiedTo ?? 'the National Panel'} on ${f.notifiedOn}${f.notifiedTo ? ' through the DfE notification service' : ''}. No rapid review or local review is required, and the case is closed.`,
  }),
  'rapid-review-complete': (ref, f) => ({
    subject: `Case ${ref}: rapid review complete`,
    body: f.outcome
      ? `The rapid review of case ${ref} was completed on ${f.completedOn} (${f.meetingType}). The safeguarding partners decided: ${f.outcome}. Please send the review and the decision to the National Panel.`
      : `The rapid review of case ${ref} was completed on ${f.completedOn} (${f.meetingType}). Please send a copy to the National Panel now (003: "as soon as the Rapid Review is complete"); the partners' decision follows when it is made.`,
  }),
  'review-decision': (ref, f) => ({
    subject: `Case ${ref}: the partners' decision on the rapid review`,
    body: `On ${f.decidedOn} the safeguarding partners decided on case ${ref}: ${f.outcome}. Their rationale: ${f.rationale}. Please send the decision to the National Panel.`,
  }),
  'review-tied': (ref, f) => ({
    subject: `Case ${ref}: the partners' vote is tied`,
    body: `No outcome on case ${ref} has the ${f.votesNeeded} votes needed (tied since ${f.since}). The independent chair decides by ${f.dueDate} whether to settle the outcome, with its rationale, or escalate it, and records which.`,
  }),
  'tie-escalated': (ref, f) => ({
    subject: `Case ${ref}: the tied vote is escalated`,
    body: `On ${f.decidedOn} the independent chair escalated the tied vote on case ${ref} to ${f.escalatedTo}. Its outcome is due by ${f.dueDate}; record it on the case.`,
  }),
  'decision-outcome': (ref, f) => ({
    subject: `Case ${ref}: ${f.reconsidered ? 'the changed' : 'the'} review decision to give to the family`,
    body: `${f.reconsidered ? 'After reconsideration, the' : 'The'} safeguarding partners decided on case ${ref}${f.decidedOn ? ` on ${f.decidedOn}` : ''}: ${f.outcome}.${f.rationale ? ` Their rationale: ${f.rationale}.` : ''} Please give the outcome and its rationale to the child's family in writing, in person through their practitioner where possible${f.dueDate ? `, by ${f.dueDate}, and record when, how and by whom` : ''}.`,
  }),
  'panel-agrees': (ref, f) => ({
    subject: `Case ${ref}: the National Panel agrees with the partners' decision`,
    body: `The National Panel agrees with the safeguarding partners' decision on case ${ref} (${f.outcome}; response received ${f.receivedOn}).`,
  }),
  'panel-chase': (ref, f) => ({
    subject: `Case ${ref}: no response from the National Panel`,
    body: `The National Panel has not responded on case ${ref} since ${f.sentOn}. Please chase the Panel.`,
  }),
  'panel-disagrees': (ref, f) => ({
    subject: `Case ${ref}: the National Panel disagrees; reconsider`,
    body: `The National Panel disagrees with the partners' decision on case ${ref} (response received ${f.receivedOn}). Please circulate the response and convene the executive group to reconsider.`,
  }),
  'reconsideration-outcome': (ref, f) => ({
    subject: `Case ${ref}: reconsideration outcome`,
    body: `After reconsideration on ${f.decidedOn}, the partners ${f.outcome === 'adhere' ? 'adhere to their decision' : 'commission a local child safeguarding practice review'} on case ${ref}. ${f.justification ? `Their justification: ${f.justification}. Please send it to the National Panel.` : 'Please send the recorded justification to the National Panel.'}`,
  }),
  'national-review': (ref, f) => ({
    subject: `Case ${ref}: the National Panel will review`,
    body: `The National Panel will undertake a national review of case ${ref} (response received ${f.receivedOn}). The partnership will cooperate with it.`,
  }),
  'local-review-not-started': (ref, f) => ({
    subject: `Case ${ref}: the local review could not be started`,
    body: `The local child safeguarding practice review of case ${ref}, decided on ${f.decidedOn}, could not be started (${f.reason}). The case stays open and keeps the review's deadline, ${f.dueDate}; please ask the service's administrators to look into it.`,
  }),
  'review-commissioned': (ref, f) => ({
    subject: `Case ${ref}: local child safeguarding practice review commissioned`,
    body: `A local child safeguarding practice review of case ${ref} was decided on ${f.decidedOn}. Please commission an independent reviewer with terms of reference.`,
  }),
  'cspr-delayed': (ref, f) => ({
    subject: `Case ${ref}: local review delayed`,
    body: `The executive group has approved a delay to the local child safeguarding practice review of case ${ref} because of ${f.reason}: ${f.details}. It is now due to be completed and published by ${f.newDueDate}.`,
  }),
  'final-report': (ref, f) => ({
    subject: `Case ${ref}: final report of the local review, to be published ${f.publicationDate}`,
    // The notice carries no report: it says when the partnership sent it, and by which way is the partnership's.
    body: `The final report of the local child safeguarding practice review of case ${ref} was sent to the National Panel and the Secretary of State on ${f.sentOn}${f.latestSendDate ? ` (due by ${f.latestSendDate})` : ''}. The report itself is not part of this notice. The partnership intends to publish it on ${f.publicationDate}.`,
  }),
  'not-publishing': (ref, f) => ({
    subject: `Case ${ref}: the local review report will not be published in full`,
    body: `On ${f.decidedOn} the safeguarding partners decided not to publish the report of the local review of case ${ref} in full. ${f.improvementsPublishedOn ? `Information about the improvements was published on ${f.improvementsPublishedOn}.` : 'Information about the improvements will be published instead.'}${f.panelException ? ` The exception was agreed with the National Panel: ${f.panelException}.` : ''} Their justification: ${f.justification}`,
  }),
  'cspr-paused': (ref, f) => ({
    subject: `Case ${ref}: local review paused`,
    body: `The executive group has paused the local child safeguarding practice review of case ${ref} from ${f.pausedOn}, with no known end, because of ${f.reason}: ${f.details}. Its completion and publication date will move on by the time it is paused.`,
  }),
  'cspr-pause-reminder': (ref, f) => ({
    subject: `Case ${ref}: the local review is still paused`,
    body: `The local review of case ${ref} has been paused since ${f.pausedOn} (${f.reason}). Please check whether the proceedings allow it to resume, and record the resumption when they do.`,
  }),
  'cspr-resumed': (ref, f) => ({
    subject: `Case ${ref}: local review resumed`,
    body: `The local child safeguarding practice review of case ${ref}, paused on ${f.pausedOn}, resumed on ${f.resumedOn}. It is now due to be completed and published by ${f.newDueDate} (the statutory date was ${f.statutoryDueDate}).`,
  }),
  'case-withdrawn': (ref, f) => ({
    subject: `Case ${ref}: case withdrawn`,
    body: `Case ${ref} was withdrawn on ${f.withdrawnOn} as ${f.reason === 'duplicate' ? `a duplicate${f.duplicateOf ? ` of case ${f.duplicateOf}` : ''}` : 'opened in error'}. Its deadlines no longer apply; the case is closed and its record kept.`,
  }),
  'report-published': (ref, f) => ({
    subject: `Case ${ref}: local review report published`,
    body: `The report of the local child safeguarding practice review of case ${ref} was published on ${f.publishedOn}. A copy goes to the What Works Centre. It stays on the partnership's website for a year.`,
  }),
  'takedown-reminder': (ref, f) => ({
    subject: `Case ${ref}: take the review report off the website`,
    body: `The report of the local review of case ${ref} has been on the website since ${f.sentOn}, and its year ended on ${f.dueDate}. Please take it down, make it available on request, and record the removal.`,
  }),
  'complaint-received': (ref, f) => ({
    subject: `Complaint ${ref}: received ${f.receivedOn}`,
    body: `Complaint ${ref} was received on ${f.receivedOn}. Confirm the action taken to the referrer by ${f.actionDue}; the outcome, or a timescale for further action, is due in writing by ${f.outcomeDue} (000 §13).`,
  }),
  'complaint-appeal': (ref, f) => ({
    subject: `Complaint ${ref}: appeal to the independent chair`,
    body: `The referrer of complaint ${ref} appealed on ${f.appealedOn}. The independent chair answers in writing by ${f.dueDate} (000 §13.7).`,
  }),
  'meeting-scheduled': (ref, f) => ({
    subject: `Meeting ${ref} on ${f.meetingDate}: the deadlines`,
    body: `${f.title} meets on ${f.meetingDate}. Agenda item requests by ${f.agendaRequests}; reports by ${f.reports}; the agenda is circulated by ${f.agendaCirculation} (000 §8.5).`,
  }),
  'special-meeting-notice': (ref, f) => ({
    subject: `Special meeting ${ref} on ${f.meetingDate}`,
    body: `${f.title}: a special meeting is called for ${f.meetingDate} to reconsider a decision (000 §12.22-12.23). Notice given on ${f.givenOn}${f.shortenedAsUrgent ? `: ${f.shortenedAsUrgent}, shortened by the Chair as urgent` : ''}.`,
  }),
  'rapid-review-audit': (ref, f) => ({
    subject: `Rapid review audit ${ref}: ${f.from} to ${f.to}`,
    body: `Rapid reviews due from ${f.from} to ${f.to}: ${f.count}. On time: ${f.onTime}. Late: ${f.late}${f.late === '0' ? '' : ` (working days late: ${f.daysLate})`}. Still open: ${f.open}. The detail is attached as CSV.`,
  }),
  'return-requested': (ref, f) => ({
    subject: `Case ${ref}: information requested from ${f.agencyName} by ${f.dueDate}`,
    body: `The safeguarding partnership requests ${f.agencyName}'s information (chronology and agency report) for case ${ref}, by the end of ${f.dueDate} (${f.workingDays} working days from ${f.requestedOn}). Agencies must comply with such a request (Children Act 2004 s16H). Send it to the partnership's business manager.`,
  }),
  'return-chase': (ref, f) =>
    f.notYetDue
      ? {
          subject: `Case ${ref}: information from ${f.agencyName} is due ${f.dueDate}`,
          body: `A reminder from the partnership's business manager: ${f.agencyName}'s information for case ${ref} is due by the end of ${f.dueDate}. Please send it by then.`,
        }
      : {
          subject: `Case ${ref}: information from ${f.agencyName} is overdue`,
          body: `${f.agencyName}'s information for case ${ref} was due by the end of ${f.dueDate} and has not been received. Please send it now. If it is still outstanding after ${f.escalateAfterWorkingDays} more working days, the agency's safeguarding partner lead will be told.`,
        },
  'return-escalated': (ref, f) => ({
    subject: `Case ${ref}: information from ${f.agencyName} still outstanding`,
    body: `${f.agencyName}'s information for case ${ref}, due by the end of ${f.returnDueDate}, is still outstanding ${f.escalateAfterWorkingDays} working days later despite a chase. As the agency's safeguarding partner lead, please see that it is sent to the partnership's business manager.`,
  }),
  'action-agreed': (ref, f) => ({
    subject: `Learning action ${ref} for ${f.agencyName}, due ${f.dueDate}`,
    body: `${f.agencyName} is to ${f.action}, by ${f.dueDate}. ${f.overseenBy} monitors the action plan: record the action as done, with its evidence, when it is.`,
  }),
  'action-overdue': (ref, f) => ({
    subject: `Learning action ${ref} is overdue`,
    body: `${f.agencyName} was to ${f.action} by ${f.dueDate}, and it is not recorded as done. As chair of ${f.overseenBy}, please hold the agency to it, or close it with the reason.`,
  }),
  'notice-failed': (ref, f) => ({
    subject: `Case ${ref}: a notice could not be delivered`,
    body: `The notice "${f.failedType}" on case ${ref}, meant for ${f.recipients}, could not be delivered after repeated attempts (${f.reason}). Please send it by other means and check the delivery settings.`,
  }),
};

export function renderNotice(
  type: NoticeType,
  reference: string,
  facts: Facts,
): { subject: string; body: string } {
  return templates[type](reference, facts);
}
