/**
 * A case file that moves through named stages and shows each move in visibility: for the
 * workflows (complaints, meetings) whose stage alone says whether they are still open.
 */
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseStatus, DeadlineView, NoticeSent, TimelineEvent } from '../src/case/types';
import type { DeadlineNoticeRules } from '../src/policy/schema';
import { RecordFile, type RecordIdentity } from './recordFile';

export interface FileContents<S> {
  stage: S;
  status: CaseStatus;
  deadlines: DeadlineView[];
  timeline: TimelineEvent[];
  notices: NoticeSent[];
}

export class StagedRecordFile<S extends string> extends RecordFile {
  private current: S;

  constructor(
    identity: RecordIdentity,
    initial: S,
    private readonly closedStages: readonly S[],
    noticeRules?: DeadlineNoticeRules,
  ) {
    super(identity, () => this.publish(), noticeRules);
    this.current = initial;
  }

  get stage(): S {
    return this.current;
  }

  get status(): CaseStatus {
    return this.closedStages.includes(this.current) ? 'closed' : 'open';
  }

  moveTo(next: S): void {
    this.current = next;
    this.publish();
  }

  /** What every view of such a file shows. */
  contents(): FileContents<S> {
    return {
      stage: this.current,
      status: this.status,
      deadlines: [...this.deadlines.values()].map((d) => d.view()),
      timeline: [...this.timeline],
      notices: [...this.notices],
    };
  }

  /** An Update's answer, once the activities it set off have finished. */
  async answer<V>(view: () => V): Promise<V> {
    await condition(() => this.quiet);
    return view();
  }

  /** Shows the file as it now stands in visibility (after a deadline is met, say). */
  publish(): void {
    upsertSearchAttributes(this.searchAttributes(this.current, this.status));
  }
}
