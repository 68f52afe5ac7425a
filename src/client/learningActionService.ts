/**
 * Learning actions as the API sees them: one learningActionWorkflow per partnership and
 * reference, linked to the case whose review recommended it but not its child, so the case
 * can close while the action runs on.
 */
import type { Actor } from '../case/types';
import type { LearningActionInput, LearningActionView } from '../learning/types';
import { WorkflowTypes } from '../temporal/workflowTypes';
import { deadlineNoticesFrom } from '../policy/deadlineNotices';
import { RecordKinds, recordIdFor } from '../ids';
import { learningActionViewQuery } from '../learning/messages';
import { DomainError } from '../errors';
import type { StartActionBody } from '../learning/bodies';
import { agencyOf } from '../policy/agencies';
import { assertKnownPartnership, assertPlausibleDate } from './startChecks';
import { RecordService } from './recordService';
import type { Summary } from './summaries';

export const actionIdFor = (partnership: string, reference: string) =>
  recordIdFor(RecordKinds.learningAction, partnership, reference);

export class LearningActionService extends RecordService<LearningActionView> {
  protected readonly kind = {
    workflowType: WorkflowTypes.learningAction,
    viewQuery: learningActionViewQuery,
    noun: 'learning action',
  };

  async start(body: StartActionBody, startedBy?: Actor): Promise<Summary> {
    assertKnownPartnership(this.policies, body.partnership);
    const pack = this.policies.get(body.partnership);
    const owner = agencyOf(pack, body.owner, 'owner');
    assertPlausibleDate(body.dueDate, 'dueDate', this.today());
    if (body.dueDate < this.today())
      throw unprocessable('dueDate', `must not be before today (${this.today()})`);
    const caseOf = await this.temporal
      .partnershipOf(body.caseId, WorkflowTypes.case, '')
      .catch((err: unknown) => {
        if (err instanceof DomainError && err.kind === 'not-found') return undefined;
        throw err;
      });
    if (caseOf !== body.partnership) throw unprocessable('caseId', `must be a case of ${body.partnership}`);
    const id = actionIdFor(body.partnership, body.reference);
    const input: LearningActionInput = {
      actionId: id,
      partnership: body.partnership,
      reference: body.reference,
      caseId: body.caseId,
      source: body.source,
      recommendation: body.recommendation,
      action: body.action,
      owner: { agency: owner.id, agencyName: owner.name },
      dueDate: body.dueDate,
      overseenBy: pack.learningActions.overseenBy,
      agreedOn: this.today(),
      deadlineNotices: deadlineNoticesFrom(pack),
      ...(startedBy && { startedBy }),
    };
    return this.temporal.startRecord(WorkflowTypes.learningAction, {
      id,
      input,
      request: body,
      partnership: body.partnership,
      reference: body.reference,
      stage: 'open',
      noun: 'learning action',
    });
  }
}

const unprocessable = (field: string, message: string) =>
  new DomainError('refused', 'Cannot agree the action', `${field} ${message}`, [{ field, message }]);
