/** Checks every "start" request makes before a workflow is started. */
import type { PolicyRegistry } from '../policy/registry';
import { type Agency, agenciesOf, type PolicyPack } from '../policy/schema';
import { DomainError } from '../errors';

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

/** The pack's agency `id` names (a statutory partner or one the pack adds), or 422 naming `field`. */
export function agencyOf(pack: PolicyPack, id: string, field: string): Agency {
  const agencies = agenciesOf(pack);
  const agency = agencies.find((a) => a.id === id);
  if (!agency) {
    throw new DomainError('refused', 'Unknown agency', `${pack.name} has no agency "${id}"`, [
      { field, message: `must be one of ${agencies.map((a) => a.id).join(', ')}` },
    ]);
  }
  return agency;
}
