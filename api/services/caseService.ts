/**
 * Cases as the API sees them: start a caseWorkflow, read its view back. The workflow is the
 * record; this service only translates between HTTP-shaped requests and Temporal.
 */
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { londonDate } from '../../src/calendar/london';
import { casePolicyFrom } from '../../src/case/casePolicy';
import type { CaseInput, CaseView } from '../../src/case/types';
import type { PolicyRegistry } from '../../src/policy/registry';
import { CaseRef, CaseStage, CaseStatus, Partnership } from '../../src/temporal/searchAttributes';
import { caseWorkflow } from '../../workflows/case';
import { caseViewQuery } from '../../workflows/messages';
import { HttpProblem } from '../problem';
import type { StartCaseBody } from '../schemas';

/** One case per partnership and reference, so starting the same case twice cannot fork it. */
export function caseIdFor(partnership: string, reference: string): string {
  return `case-${partnership}-${reference}`;
}

export type StartedCase = { id: string } & StartCaseBody & Pick<CaseView, 'stage' | 'status'>;

export class CaseService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly policies: PolicyRegistry,
    private readonly today: () => string = () => londonDate(new Date()),
  ) {}

  async start(body: StartCaseBody): Promise<StartedCase> {
    if (!this.policies.has(body.partnership)) {
      throw new HttpProblem(422, 'Unknown partnership', `no policy pack for "${body.partnership}"`, [
        { field: 'partnership', message: `must be one of ${this.policies.ids.join(', ')}` },
      ]);
    }
    if (body.awareAt > this.today()) {
      throw new HttpProblem(422, 'Awareness date in the future', `awareAt ${body.awareAt} is after today`, [
        { field: 'awareAt', message: 'must not be in the future' },
      ]);
    }
    if (!body.abuseOrNeglectSuspected || !(body.childDied || body.seriouslyHarmed)) {
      throw new HttpProblem(
        422,
        'Not a serious child safeguarding case',
        'a serious child safeguarding case needs abuse or neglect known or suspected, and the child to have died or been seriously harmed',
        [
          {
            field: 'abuseOrNeglectSuspected',
            message: 'with childDied or seriouslyHarmed, must describe a serious case',
          },
        ],
      );
    }
    const id = caseIdFor(body.partnership, body.reference);
    const input: CaseInput = {
      caseId: id,
      ...body,
      policy: casePolicyFrom(
        this.policies.get(body.partnership),
        this.policies.versions(body.partnership).policyVersion,
      ),
    };
    try {
      await this.client.workflow.start(caseWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: id,
        args: [input],
        typedSearchAttributes: [
          { key: Partnership, value: body.partnership },
          { key: CaseRef, value: body.reference },
          { key: CaseStage, value: 'notification' },
          { key: CaseStatus, value: 'open' },
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new HttpProblem(
          409,
          'Case already exists',
          `${body.partnership} already has a case ${body.reference}`,
          [{ field: 'reference', message: 'is already in use in this partnership' }],
        );
      }
      throw err;
    }
    // Answered from what was started, so creating a case does not wait for a worker.
    return { id, ...body, stage: 'notification', status: 'open' };
  }

  async get(id: string): Promise<CaseView> {
    try {
      return await this.client.workflow.getHandle(id).query(caseViewQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'Case not found', `no case ${id}`);
      throw err;
    }
  }
}
