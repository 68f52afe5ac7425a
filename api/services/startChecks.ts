/** Checks every "start" request makes before a workflow is started. */
import type { PolicyRegistry } from '../../src/policy/registry';
import { HttpProblem } from '../problem';

export function assertKnownPartnership(policies: PolicyRegistry, partnership: string): void {
  if (!policies.has(partnership)) {
    throw new HttpProblem(422, 'Unknown partnership', `no policy pack for "${partnership}"`, [
      { field: 'partnership', message: `must be one of ${policies.ids.join(', ')}` },
    ]);
  }
}

export function assertNotFuture(date: string, field: string, today: string): void {
  if (date > today) {
    throw new HttpProblem(422, 'Date in the future', `${field} ${date} is after today`, [
      { field, message: 'must not be in the future' },
    ]);
  }
}
