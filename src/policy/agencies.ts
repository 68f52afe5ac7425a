/** Looking an agency up in a partnership's pack, as a request names it. */
import { refused } from '../errors';
import { type Agency, agenciesOf, type PolicyPack } from './schema';

/** The pack's agency `id` names (a statutory partner or one the pack adds), or refused naming `field`. */
export function agencyOf(pack: PolicyPack, id: string, field: string): Agency {
  const agencies = agenciesOf(pack);
  const agency = agencies.find((a) => a.id === id);
  if (!agency) {
    throw refused(
      'Unknown agency',
      `${pack.name} has no agency "${id}"`,
      field,
      `must be one of ${agencies.map((a) => a.id).join(', ')}`,
    );
  }
  return agency;
}
