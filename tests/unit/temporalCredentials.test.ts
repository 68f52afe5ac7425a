/**
 * What the worker and the API present to a Temporal server that checks callers: the token
 * as configured, or from a file read again when it is replaced, so an expiring token is
 * renewed without a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { apiKeySource } from '../../src/temporal/connection';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-auth-'));

describe('the Temporal token', () => {
  it('is none for the dev server, and the configured one as it is', () => {
    expect(apiKeySource({})).toBeUndefined();
    expect(apiKeySource({ apiKey: 'abc' })?.()).toBe('abc');
  });

  it('is read from its file again once the file is replaced', () => {
    const file = path.join(dir, 'worker.jwt');
    fs.writeFileSync(file, 'first-token\n');
    const key = apiKeySource({ apiKeyFile: file }, 0)!;
    expect(key()).toBe('first-token');
    fs.writeFileSync(file, 'renewed-token\n');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    expect(key()).toBe('renewed-token');
  });

  it('is configured as TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both, the file existing', () => {
    const file = path.join(dir, 'api.jwt');
    fs.writeFileSync(file, 'token');
    expect(loadConfig({ TEMPORAL_API_KEY_FILE: file }).temporalAuth).toEqual({
      apiKeyFile: file,
      tls: false,
    });
    expect(loadConfig({ TEMPORAL_API_KEY: 't', TEMPORAL_TLS: 'true' }).temporalAuth).toEqual({
      apiKey: 't',
      tls: true,
    });
    expect(() => loadConfig({ TEMPORAL_API_KEY: 't', TEMPORAL_API_KEY_FILE: file })).toThrow(/not both/);
    expect(() => loadConfig({ TEMPORAL_API_KEY_FILE: path.join(dir, 'missing') })).toThrow(ConfigError);
    expect(() => loadConfig({ TEMPORAL_TLS: 'yes' })).toThrow(/TEMPORAL_TLS/);
  });
});
