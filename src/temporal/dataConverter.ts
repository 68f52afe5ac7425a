/** How every client and worker of a deployment (de)serialises payloads: encrypted, with its keys. */
import {
  type DataConverter,
  type Payload,
  type PayloadCodec,
  defaultPayloadConverter,
} from '@temporalio/common';
import type { Config } from '../config';
import { AesGcmPayloadCodec, PayloadRefusedError, devPayloadKeys } from './payloadCodec';
import { REFUSED_PAYLOAD } from './refusedInput';

export function payloadCodecFor(config: Pick<Config, 'payloadKeys' | 'dataDir'>): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(config.payloadKeys ?? devPayloadKeys(config.dataDir));
}

export function dataConverterWith(codec: AesGcmPayloadCodec): DataConverter {
  return { payloadCodecs: [codec] };
}

/**
 * The worker's data converter: as the clients', except that a payload the codec refuses
 * decodes to a refusal marker instead of an error. In the TypeScript SDK an error while
 * decoding an activation fails the workflow task, and the server retries it with the same
 * history, forever: one forged signal in a case's history would stop its clocks for good.
 * The marker reaches the workflow, whose interceptor refuses it (workflows/interceptors.ts).
 */
export function forWorker(converter: DataConverter): DataConverter {
  return { ...converter, payloadCodecs: (converter.payloadCodecs ?? []).map(refusingToMarker) };
}

function refusingToMarker(codec: PayloadCodec): PayloadCodec {
  return {
    encode: (payloads) => codec.encode(payloads),
    async decode(payloads) {
      const decoded: Payload[] = [];
      for (const payload of payloads) {
        try {
          decoded.push(...(await codec.decode([payload])));
        } catch (err) {
          if (!(err instanceof PayloadRefusedError)) throw err;
          decoded.push(defaultPayloadConverter.toPayload({ [REFUSED_PAYLOAD]: err.message }));
        }
      }
      return decoded;
    },
  };
}
