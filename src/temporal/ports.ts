import fs from 'node:fs';
import net from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly purpose: string,
  ) {
    super(`port ${port} (${purpose}) is already in use: stop what is using it or choose another port`);
    this.name = 'PortInUseError';
  }
}

/** Fails with a clear message when something already listens on `port`. */
export async function assertPortFree(port: number, host: string, purpose: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, purpose) : err),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Where the ports the kernel hands out as the local end of outgoing connections begin. A port
 * picked from among them can be taken by one of the machine's own connections (gRPC, SMTP)
 * in the moment between choosing it and a server binding it: that is how a loaded machine
 * came to refuse a test's API with "already in use".
 */
export function ephemeralPortsFrom(): number {
  try {
    const from = Number(
      fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    if (from > 0) return from;
  } catch {
    // Not Linux: the range IANA suggests, which other systems use.
  }
  return 49_152;
}

/** Ports this process has given out: none is given twice. */
const given = new Set<number>();

/**
 * A port free now, outside the range outgoing connections take theirs from, so nothing but
 * another server can take it before it is bound.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const from = ephemeralPortsFrom();
  const low = 10_000;
  const high = from > low + 1_000 ? from - 1 : 65_535;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (given.has(port)) continue;
    if (await canListen(port, host)) {
      given.add(port);
      return port;
    }
  }
  throw new Error(`no free port found between ${low} and ${high}`);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
