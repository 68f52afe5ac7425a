import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, temporalAddress } from '../../src/config';

describe('config', () => {
  it('has defaults that run the embedded dev server', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: path.resolve('data') });
    expect(config.temporal).toMatchObject({
      address: undefined,
      namespace: 'default',
      taskQueue: 'case-review',
    });
    expect(temporalAddress(config)).toBe('127.0.0.1:7233');
  });

  it('uses an existing server named by TEMPORAL_ADDRESS', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_NAMESPACE: 'durham' });
    expect(temporalAddress(config)).toBe('temporal.example:7233');
    expect(config.temporal.namespace).toBe('durham');
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
