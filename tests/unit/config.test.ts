import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, loadConfig, temporalAddress } from '../../src/config';

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

  it("gives the SMTP channel RFC 5321's timeouts, or shorter ones, within what the notice activity allows", () => {
    const smtp = { SMTP_URL: 'smtp://mail.example:587', SMTP_FROM: 'cases@example.org' };
    expect(loadConfig(smtp).channels.smtp?.timeouts).toEqual({
      connectMs: 120_000,
      greetingMs: 300_000,
      socketMs: 600_000,
      sendMs: 1_920_000,
    });
    expect(
      loadConfig({ ...smtp, SMTP_SOCKET_TIMEOUT_SECONDS: '60', SMTP_SEND_TIMEOUT_SECONDS: '900' }).channels
        .smtp?.timeouts,
    ).toMatchObject({ socketMs: 60_000, sendMs: 900_000 });
    expect(() => loadConfig({ ...smtp, SMTP_SEND_TIMEOUT_SECONDS: '3600' })).toThrow(
      /SMTP_SEND_TIMEOUT_SECONDS: at most 1920/,
    );
    expect(() => loadConfig({ ...smtp, SMTP_SEND_TIMEOUT_SECONDS: '600' })).toThrow(
      /SMTP_SEND_TIMEOUT_SECONDS: at least .* \(1020\)/,
    );
    expect(() => loadConfig({ ...smtp, SMTP_GREETING_TIMEOUT_SECONDS: 'soon' })).toThrow(
      /SMTP_GREETING_TIMEOUT_SECONDS/,
    );
  });

  it('serves the API on loopback only while AUTH_MODE=development', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])
      expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'cases.example', '128.0.0.1']) {
      expect(() => loadConfig({ HOST: host }), host).toThrow(ConfigError);
      expect(() => loadConfig({ HOST: host }), host).toThrow(
        /HOST: .* is not a loopback address.*AUTH_MODE=oidc/,
      );
    }
    const oidc = {
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: 'https://id.example',
      AUTH_AUDIENCE: 'cases',
      AUTH_JWKS_URL: 'https://id.example/jwks',
      PAYLOAD_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
      PAGE_TOKEN_SECRET: 'p'.repeat(32),
    };
    expect(loadConfig({ ...oidc, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(isLoopbackHost('127.0.0.1.example')).toBe(false);
  });
});
