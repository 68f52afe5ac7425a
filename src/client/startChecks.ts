/** Checks every "start" request makes before a workflow is started. */
import type { PolicyRegistry } from '../policy/registry';
import { DomainError, refused } from '../errors';
import { implausibleDate } from '../validation';

export function assertKnownPartnership(policies: PolicyRegistry, partnership: string): void {
  if (!policies.has(partnership)) {
    throw new DomainError('refused', 'Unknown partnership', `no policy pack for "${partnership}"`, [
      { field: 'partnership', message: `must be one of ${policies.ids.join(', ')}` },
    ]);
  }
}

export function assertNotFuture(date: string, field: string, today: string): void {
  if (date > today) {
    throw new DomainError('refused', 'Date in the future', `${field} ${date} is after today`, [
      { field, message: 'must not be in the future' },
    ]);
  }
}

/** A date a person typed must be one they can mean (src/validation.ts PLAUSIBLE_DATES). */
export function assertPlausibleDate(date: string, field: string, today: string): void {
  const wrong = implausibleDate(date, today);
  if (wrong) throw refused('Date out of range', `${field} ${date} ${wrong}`, field, wrong);
}
