/**
 * The deadlines as an iCalendar feed Outlook can subscribe to. A calendar client cannot sign
 * in, so the feed's address carries its own token: the user, role and partnerships, signed
 * with a secret kept under DATA_DIR (or FEED_SECRET), and good for that feed alone.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Principal } from '../../src/auth/principal';

export interface FeedEvent {
  uid: string;
  date: string;
  summary: string;
  description: string;
}

export function feedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth', 'feed-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The addresses of a deployment's calendar feeds. Each carries its user, role and
 * partnerships, when it stops working (a pack of days from when it was made), and the user's
 * feed generation: revoking a user's addresses moves the generation on, so every address made
 * before stops at once. Generations are kept under DATA_DIR/auth/feeds/, one file per user.
 */
export class CalendarFeeds {
  constructor(
    private readonly secret: string,
    private readonly dir: string,
    private readonly days: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new address token for `principal`, and the day it expires. */
  address(principal: Principal): { token: string; expiresAt: string } {
    const expires = this.now() + this.days * 24 * 60 * 60 * 1000;
    const payload = Buffer.from(
      JSON.stringify({
        u: principal.userId,
        r: principal.role,
        p: principal.partnerships,
        e: expires,
        g: this.generation(principal.userId),
      }),
    ).toString('base64url');
    return { token: `${payload}.${sign(this.secret, payload)}`, expiresAt: new Date(expires).toISOString() };
  }

  /** Who an address token is for, if this deployment made it, it has not expired, and it was not revoked. */
  principalOf(token: string): Principal | undefined {
    const [payload, signature] = token.split('.');
    if (!payload || !signature) return undefined;
    const [a, b] = [Buffer.from(sign(this.secret, payload)), Buffer.from(signature)];
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    const { u, r, p, e, g } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      u: string;
      r: Principal['role'];
      p: string[];
      e?: number;
      g?: number;
    };
    // Addresses made before they expired (no `e`) are refused: every address must end.
    if (e === undefined || e <= this.now() || g !== this.generation(u)) return undefined;
    return { userId: u, role: r, partnerships: p };
  }

  /** Stops every address made for `userId` so far; the next one made works. */
  revoke(userId: string): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(this.file(userId), String(this.generation(userId) + 1), { mode: 0o600 });
  }

  private generation(userId: string): number {
    try {
      return Number(fs.readFileSync(this.file(userId), 'utf8')) || 0;
    } catch {
      return 0;
    }
  }

  private file(userId: string): string {
    return path.join(this.dir, createHash('sha256').update(userId).digest('hex'));
  }
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`feed.${payload}`).digest('base64url');
}

/** RFC 5545, all-day events, lines folded at 75 octets, text escaped. */
export function icsCalendar(name: string, events: readonly FeedEvent[], stampMs: number): string {
  const stamp = new Date(stampMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Case review orchestrator//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((e) => {
      const day = e.date.replace(/-/g, '');
      return [
        'BEGIN:VEVENT',
        `UID:${e.uid}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${day}`,
        `SUMMARY:${escapeText(e.summary)}`,
        `DESCRIPTION:${escapeText(e.description)}`,
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      ];
    }),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function fold(line: string): string {
  const parts: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  parts.push(rest);
  return parts.join('\r\n');
}
