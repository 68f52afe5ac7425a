/** What each decision on a meeting carries: request bodies, and (with the actor) the Updates' arguments. */
import { z } from 'zod';
import { isoDate, reference, text, words } from '../validation';

export const MEETING_MILESTONES = ['agendaRequests', 'reports', 'agendaCirculation'] as const;

export const meetingBodies = {
  milestone: z.strictObject({ milestone: z.enum(MEETING_MILESTONES), doneOn: isoDate }),
  cancellation: z.strictObject({ reason: text }),
};

export type MeetingBody<K extends keyof typeof meetingBodies> = z.infer<(typeof meetingBodies)[K]>;

export const MEETING_KINDS = ['executive', 'subgroup', 'special'] as const;

export const startMeetingBody = z.strictObject({
  partnership: z.string().min(1),
  reference,
  kind: z.enum(MEETING_KINDS),
  title: words(120),
  meetingDate: isoDate,
  /**
   * A special meeting at shorter notice: the Chair's reason for considering it urgent (000
   * §12.23), where the pack lets the Chair shorten the notice.
   */
  urgentReason: text.optional(),
});
export type StartMeetingBody = z.infer<typeof startMeetingBody>;
