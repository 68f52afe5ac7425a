/**
 * The deadlines as an iCalendar feed Outlook can subscribe to. A calendar client cannot sign
 * in, so the feed's address carries its own token: the user, role and partnerships, signed
 * with a secret kept under DATA_DIR (or FEED_SECRET), and good for that feed alone.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

export function feedToken(secret: string, principal: Principal): string {
  const payload = Buffer.from(
    JSON.stringify({ u: principal.userId, r: principal.role, p: principal.partnerships }),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function principalFromFeedToken(secret: string, token: string): Principal | undefined {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return undefined;
  const [a, b] = [Buffer.from(sign(secret, payload)), Buffer.from(signature)];
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  const { u, r, p } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    u: string;
    r: Principal['role'];
    p: string[];
  };
  return { userId: u, role: r, partnerships: p };
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
