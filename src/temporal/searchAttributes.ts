/**
 * The typed search attributes a case publishes so that lists and the dashboard read from
 * visibility instead of querying every workflow. None of them may hold personal data.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const Partnership = defineSearchAttributeKey('Partnership', SearchAttributeType.KEYWORD);
export const CaseRef = defineSearchAttributeKey('CaseRef', SearchAttributeType.KEYWORD);
export const CaseStage = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
/** The kind of case (serious incident, a care leaver's death…); absent on other records. */
export const CaseType = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const NextDeadlineAt = defineSearchAttributeKey('NextDeadlineAt', SearchAttributeType.DATETIME);
/** An open deadline is past its statutory due date (whether or not a later date was approved). */
export const Breached = defineSearchAttributeKey('Breached', SearchAttributeType.BOOL);
/** Every open deadline past its statutory due date is within an approved extension. */
export const LateWithinExtension = defineSearchAttributeKey('LateWithinExtension', SearchAttributeType.BOOL);
/**
 * When the record last changed what the lists show (workflow time), so the dashboard's board
 * can read only what changed since it last looked.
 */
export const CaseUpdatedAt = defineSearchAttributeKey('CaseUpdatedAt', SearchAttributeType.DATETIME);

export const allSearchAttributes = [
  Partnership,
  CaseRef,
  CaseStage,
  CaseStatus,
  CaseType,
  NextDeadlineAt,
  Breached,
  CaseUpdatedAt,
  LateWithinExtension,
] as const;

/** `Name=Type` as `temporal server start-dev --search-attribute` takes it. */
export function devServerSearchAttributeFlags(): string[] {
  const names: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.BOOL]: 'Bool',
  };
  return allSearchAttributes.flatMap((k) => ['--search-attribute', `${k.name}=${names[k.type]}`]);
}
