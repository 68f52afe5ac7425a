/**
 * Asking agencies for the information a review is built from (Children Act 2004 s16H,
 * 000 §9.5): the same four decisions on a case (for its rapid review) and on its local
 * review, with the same Update names, each record keeping the clocks of its own requests.
 */
import { z } from 'zod';
import { MANAGERS } from '../auth/roles';
import type { AgencyReturnRequest, AgencyReturnView } from '../agencyReturns/types';
import { decisionsOf } from '../decisions/catalogue';
import { date, type Field, textarea } from '../decisions/forms';
import { refused } from '../errors';
import { agencyOf } from '../policy/agencies';
import { actor, agencyId, isoDate, text, words } from '../validation';

const contact = z.strictObject({ name: words(200), email: z.email() });

export const agencyReturnBodies = {
  /** Ask an agency for its information; what the request leaves out comes from the pack. */
  request: z.strictObject({
    agency: agencyId,
    requestedOn: isoDate,
    contact: contact.optional(),
    workingDays: z.number().int().min(1).max(60).optional(),
    required: z.boolean().optional(),
  }),
  receipt: z.strictObject({ agency: agencyId, receivedOn: isoDate }),
  withdrawal: z.strictObject({ agency: agencyId, reason: text }),
  chase: z.strictObject({ agency: agencyId }),
};

/** The request as the workflow takes it: the pack's terms filled in. */
const requestArgument: z.ZodType<AgencyReturnRequest> = z.strictObject({
  agency: agencyId,
  agencyName: z.string().min(1),
  contact,
  requestedOn: isoDate,
  workingDays: z.number().int().min(1),
  escalateAfterWorkingDays: z.number().int().min(0),
  required: z.boolean(),
  actor,
});

type WithReturns = { returns?: AgencyReturnView[]; agencies: readonly { id: string; name: string }[] };

export const outstandingReturns = (view: { returns?: AgencyReturnView[] }) =>
  (view.returns ?? []).filter((r) => r.state === 'requested' || r.state === 'overdue');

const outstandingAgency = (view: { returns?: AgencyReturnView[] }): Field => ({
  name: 'agency',
  label: 'Agency',
  kind: 'select',
  options: outstandingReturns(view).map((r) => ({
    value: r.agency,
    text: `${r.agencyName} (due ${r.dueDate})`,
  })),
});

/** The request's form fields are the body's, but a contact is two fields and a count is text. */
function requestBody(values: Record<string, unknown>): Record<string, unknown> {
  const { contactName, contactEmail, workingDays, ...rest } = values;
  return {
    ...rest,
    ...((contactName !== undefined || contactEmail !== undefined) && {
      contact: { name: contactName ?? '', email: contactEmail ?? '' },
    }),
    // A number for the schema; what is not a whole number stays text, which it refuses.
    ...(workingDays !== undefined && {
      workingDays: /^\d{1,3}$/.test(String(workingDays)) ? Number(workingDays) : workingDays,
    }),
  };
}

/**
 * The four decisions for a record whose views are `V` (forms `FV`): requests allowed at
 * `requestStages`, receipts, chases and withdrawals while the record is at `openStages`.
 */
export function agencyReturnDecisions<V, FV extends WithReturns, S extends string>(options: {
  forWhat: string;
  requestStages: readonly S[];
  openStages: readonly S[];
  /** Whether a request may say the review need not wait for it. */
  mayBeOptional: boolean;
}) {
  const { decision, prepared } = decisionsOf<V, FV>();
  const { forWhat, requestStages, openStages } = options;
  const whileOutstanding = (view: FV) => outstandingReturns(view).length > 0;
  return {
    requestReturn: prepared({
      route: 'agency-returns',
      update: 'requestAgencyReturn',
      body: agencyReturnBodies.request,
      roles: MANAGERS,
      summary: `Request an agency's information for ${forWhat}`,
      argumentSchema: requestArgument,
      prepare(body, actor, pack): AgencyReturnRequest {
        const agency = agencyOf(pack, body.agency, 'agency');
        const contact = body.contact ?? agency.contact;
        if (!contact)
          throw refused(
            'No contact',
            `the pack names no contact at ${agency.name}: give one`,
            'contact',
            `is needed: the pack names no contact at ${agency.name}`,
          );
        return {
          agency: agency.id,
          agencyName: agency.name,
          contact,
          requestedOn: body.requestedOn,
          workingDays: body.workingDays ?? pack.agencyReturns.workingDays,
          escalateAfterWorkingDays: pack.agencyReturns.escalateAfterWorkingDays,
          required: body.required ?? true,
          actor,
        };
      },
      form: {
        title: `Request an agency's information for ${forWhat}`,
        button: 'Request the information',
        stages: requestStages,
        fields: (view) => [
          {
            name: 'agency',
            label: 'Agency',
            kind: 'select',
            options: view.agencies.map((a) => ({ value: a.id, text: a.name })),
          },
          date('requestedOn', 'Date requested'),
          {
            name: 'contactName',
            label: 'Contact at the agency',
            kind: 'text',
            hint: 'Leave blank for the contact the partnership has on file',
          },
          { name: 'contactEmail', label: "Contact's e-mail address", kind: 'text' },
          {
            name: 'workingDays',
            label: 'Working days to reply',
            kind: 'text',
            hint: "Leave blank for the partnership's usual timescale",
          },
          ...(options.mayBeOptional
            ? [{ name: 'required', label: `Must ${forWhat} wait for it?`, kind: 'yes-no' } satisfies Field]
            : []),
        ],
        toBody: requestBody,
      },
    }),
    recordReturn: decision({
      route: 'agency-return-receipts',
      update: 'recordAgencyReturn',
      body: agencyReturnBodies.receipt,
      roles: MANAGERS,
      summary: `Record an agency's information for ${forWhat} as received`,
      form: {
        title: "Record an agency's information as received",
        button: 'Record it received',
        stages: openStages,
        when: whileOutstanding,
        fields: (view) => [outstandingAgency(view), date('receivedOn', 'Date received')],
      },
    }),
    withdrawReturn: decision({
      route: 'agency-return-withdrawals',
      update: 'withdrawAgencyReturn',
      body: agencyReturnBodies.withdrawal,
      roles: MANAGERS,
      summary: `Withdraw a request for information for ${forWhat}`,
      form: {
        title: 'Withdraw a request for information',
        button: 'Withdraw the request',
        stages: openStages,
        when: whileOutstanding,
        fields: (view) => [outstandingAgency(view), textarea('reason', 'Reason')],
      },
    }),
    chaseReturn: decision({
      route: 'agency-return-chases',
      update: 'chaseAgencyReturn',
      body: agencyReturnBodies.chase,
      roles: MANAGERS,
      summary: `Chase an agency for its information for ${forWhat} now`,
      form: {
        title: 'Chase an agency for its information now',
        button: 'Send the chase',
        stages: openStages,
        when: whileOutstanding,
        fields: (view) => [outstandingAgency(view)],
      },
    }),
  };
}
