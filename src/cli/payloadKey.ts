/** `cli payload-key --id ID`: a new payload encryption key, as PAYLOAD_KEYS lists them. */
import { parseArgs } from 'node:util';
import { PayloadKeyError, newPayloadKeySpec } from '../temporal/payloadCodec';
import { UsageError } from './usage';

export function payloadKeyCommand(args: string[]): string {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } }, strict: true });
  if (!values.id) throw new UsageError('name the key with --id, e.g. --id 2026-11');
  try {
    return newPayloadKeySpec(values.id);
  } catch (err) {
    if (err instanceof PayloadKeyError) throw new UsageError(`--id: ${err.message}`);
    throw err;
  }
}
