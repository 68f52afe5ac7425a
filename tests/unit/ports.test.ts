/** Ports for the parts a stack starts: free, never given twice, never where outgoing connections take theirs. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralPortsFrom, freePort } from '../../src/temporal/ports';

describe('freePort', () => {
  it('gives distinct ports below the outgoing connections’ range, each of which a server can bind', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 40; i += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeLessThan(ephemeralPortsFrom());
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((r) => server.close(r));
  });
});
