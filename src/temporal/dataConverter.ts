/** How every client and worker of a deployment (de)serialises payloads: encrypted, with its keys. */
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
import { AesGcmPayloadCodec, devPayloadKeys } from './payloadCodec';

export function payloadCodecFor(config: Pick<Config, 'payloadKeys' | 'dataDir'>): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(config.payloadKeys ?? devPayloadKeys(config.dataDir));
}

export function dataConverterWith(codec: AesGcmPayloadCodec): DataConverter {
  return { payloadCodecs: [codec] };
}
