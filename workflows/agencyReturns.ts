/**
 * The information a review is built from: each agency asked for its chronology and report
 * (Children Act 2004 s16H, 000 §9.5) has a clock of its own on the case's file. The request
 * goes to the agency's contact; reminders go to the contact and the business manager; when
 * the due date passes the contact is chased, and if it is still outstanding the pack's number
 * of working days later, the agency's safeguarding partner lead is told.
 */
import { condition } from '@temporalio/workflow';
import type { AgencyReturnKey } from '../src/case/types';
import type {
  AgencyReturnChase,
  AgencyReturnReceipt,
  AgencyReturnRequest,
  AgencyReturnView,
  AgencyReturnWithdrawal,
} from '../src/agencyReturns/types';
import type { RecordFile } from './recordFile';
import type { Deadline } from './deadline';
import { invalidDecision, wrongStage } from './rejections';

interface AgencyReturn {
  key: AgencyReturnKey;
  request: AgencyReturnRequest;
  clock: Deadline;
  escalation?: Deadline;
  withdrawnReason?: string;
  /** Chases sent by hand. */
  chases: number;
}

export class AgencyReturns {
  private readonly returns = new Map<string, AgencyReturn>();
  /** Requests made of each agency, withdrawn ones included: a new request gets a clock of its own. */
  private readonly requests = new Map<string, number>();
  /** Requests accepted and still being planned: an Update's answer waits for them. */
  private planning = 0;

  /**
   * `prefix` names the clocks: the review's notices are filed under its case, so its keys
   * must not be the case's own.
   */
  constructor(
    private readonly file: RecordFile,
    private readonly prefix: 'agency-return' | 'cspr-agency-return' = 'agency-return',
  ) {}

  get settled(): boolean {
    return this.planning === 0;
  }

  /** The validator's part: one open request per agency, dated within the case. */
  checkRequest(request: AgencyReturnRequest): void {
    const existing = this.returns.get(request.agency);
    if (existing && !existing.withdrawnReason)
      throw wrongStage(`information has already been requested from ${request.agencyName}`);
    if (!request.contact.name.trim() || !request.contact.email.includes('@'))
      throw invalidDecision('the request needs a contact with a name and an e-mail address', 'contact');
  }

  async request(request: AgencyReturnRequest): Promise<void> {
    this.planning += 1;
    const n = (this.requests.get(request.agency) ?? 0) + 1;
    this.requests.set(request.agency, n);
    const key: AgencyReturnKey = `${this.prefix}:${request.agency}${n === 1 ? '' : `:${n}`}`;
    try {
      const agency = { id: request.agency, contact: request.contact };
      const facts = {
        agencyName: request.agencyName,
        escalateAfterWorkingDays: String(request.escalateAfterWorkingDays),
      };
      const clock = await this.file.plan(
        {
          key,
          basisDate: request.requestedOn,
          rule: { kind: 'working-days-after', workingDays: request.workingDays },
        },
        {
          remindTo: ['agency-contact', 'business-manager'],
          onBreach: { type: 'return-chase', to: ['agency-contact', 'business-manager'] },
          facts,
          agency,
        },
      );
      const entry: AgencyReturn = { key, request, clock, chases: 0 };
      this.returns.set(request.agency, entry);
      this.file.record(
        'return-requested',
        `information requested from ${request.agencyName} on ${request.requestedOn}, due ${clock.dueDate}${request.required ? '' : ' (the review need not wait for it)'}`,
        request.actor,
      );
      await this.file.notify(
        `${key}:requested`,
        'return-requested',
        ['agency-contact'],
        {
          ...facts,
          requestedOn: request.requestedOn,
          dueDate: clock.dueDate,
          workingDays: String(request.workingDays),
        },
        { agency },
      );
      void this.escalateIfStillOutstanding(entry);
    } finally {
      this.planning -= 1;
    }
  }

  /** After the chase, the partner lead is told if the return is still outstanding. */
  private async escalateIfStillOutstanding(entry: AgencyReturn): Promise<void> {
    const { key, clock, request } = entry;
    await condition(() => clock.isBreached || !clock.isOpen);
    if (!clock.isBreached) return;
    const escalation = await this.file.plan(
      {
        key: `${key}:escalation`,
        basisDate: clock.dueDate,
        rule: { kind: 'working-days-after', workingDays: request.escalateAfterWorkingDays },
      },
      {
        reminders: false,
        onBreach: { type: 'return-escalated', to: ['partner-lead', 'business-manager'] },
        facts: {
          agencyName: request.agencyName,
          returnDueDate: clock.dueDate,
          escalateAfterWorkingDays: String(request.escalateAfterWorkingDays),
        },
        agency: { id: request.agency, contact: request.contact },
      },
    );
    entry.escalation = escalation;
    // Received or withdrawn while the escalation was being planned.
    if (!clock.isOpen) escalation.markNotApplicable('the return is no longer outstanding');
  }

  checkReceipt(receipt: AgencyReturnReceipt): void {
    const entry = this.outstanding(receipt.agency);
    if (receipt.receivedOn < entry.request.requestedOn)
      throw invalidDecision(`receivedOn is before the request on ${entry.request.requestedOn}`, 'receivedOn');
  }

  receive(receipt: AgencyReturnReceipt): void {
    const entry = this.returns.get(receipt.agency)!;
    const state = entry.clock.meet(receipt.receivedOn);
    // An escalation already sent is met late on the day the return came; one still to come is not needed.
    if (entry.escalation?.isBreached) entry.escalation.meet(receipt.receivedOn);
    else if (entry.escalation?.isOpen) entry.escalation.markNotApplicable('the return was received');
    this.file.record(
      'return-received',
      `information from ${entry.request.agencyName} received on ${receipt.receivedOn} (${state})`,
      receipt.actor,
    );
  }

  /** A chase sent by hand, before or after the due date: each one a notice of its own. */
  async chase(chase: AgencyReturnChase): Promise<void> {
    const entry = this.returns.get(chase.agency)!;
    entry.chases += 1;
    this.file.record('return-chased', `${entry.request.agencyName} chased for its information`, chase.actor);
    await this.file.notify(
      `${entry.key}:chase:${entry.chases}`,
      'return-chase',
      ['agency-contact', 'business-manager'],
      {
        agencyName: entry.request.agencyName,
        dueDate: entry.clock.dueDate,
        escalateAfterWorkingDays: String(entry.request.escalateAfterWorkingDays),
        ...(!entry.clock.isBreached && { notYetDue: 'yes' }),
      },
      { agency: { id: entry.request.agency, contact: entry.request.contact } },
    );
  }

  checkChase(chase: AgencyReturnChase): void {
    this.outstanding(chase.agency);
  }

  checkWithdrawal(withdrawal: AgencyReturnWithdrawal): void {
    this.outstanding(withdrawal.agency);
    if (!withdrawal.reason.trim()) throw invalidDecision('a withdrawal needs its reason', 'reason');
  }

  withdraw(withdrawal: AgencyReturnWithdrawal): void {
    const entry = this.returns.get(withdrawal.agency)!;
    entry.clock.markNotApplicable(withdrawal.reason);
    entry.withdrawnReason = withdrawal.reason;
    if (entry.escalation?.isOpen) entry.escalation.markNotApplicable('the request was withdrawn');
    this.file.record(
      'return-withdrawn',
      `request to ${entry.request.agencyName} withdrawn: ${withdrawal.reason}`,
      withdrawal.actor,
    );
  }

  /** Nothing more is waited for once the case closes: outstanding requests lapse, recorded. */
  closeOutstanding(reason: string): void {
    for (const entry of this.returns.values()) {
      if (entry.clock.isOpen) {
        entry.clock.markNotApplicable(reason);
        entry.withdrawnReason = reason;
      }
      if (entry.escalation?.isOpen) entry.escalation.markNotApplicable(reason);
    }
  }

  /** Required returns not yet received: the rapid review waits for these. */
  outstandingRequired(): string[] {
    return [...this.returns.values()]
      .filter((r) => r.request.required && r.clock.isOpen)
      .map((r) => r.request.agencyName);
  }

  view(): AgencyReturnView[] {
    return [...this.returns.values()].map(({ request, clock, escalation, withdrawnReason }) => {
      const d = clock.view();
      return {
        agency: request.agency,
        agencyName: request.agencyName,
        contactName: request.contact.name,
        requestedOn: request.requestedOn,
        dueDate: clock.dueDate,
        required: request.required,
        state: withdrawnReason
          ? 'withdrawn'
          : d.metOn
            ? 'received'
            : clock.isBreached
              ? 'overdue'
              : 'requested',
        ...(d.metOn && { receivedOn: d.metOn, late: d.state === 'met-late' }),
        escalated: escalation?.view().breachedAt !== undefined,
        ...(withdrawnReason && { withdrawnReason }),
      };
    });
  }

  private outstanding(agency: string): AgencyReturn {
    const entry = this.returns.get(agency);
    if (!entry) throw invalidDecision(`no information has been requested from ${agency}`, 'agency');
    if (!entry.clock.isOpen)
      throw wrongStage(`the return from ${entry.request.agencyName} is already settled`);
    return entry;
  }
}
