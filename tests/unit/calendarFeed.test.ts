/** The calendar feed's format (RFC 5545) and its address token. */
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CalendarFeeds, icsCalendar } from '../../api/dashboard/calendarFeed';

describe('the calendar feed', () => {
  it('writes all-day events, escaping text and folding long lines at 75 octets', () => {
    const ics = icsCalendar(
      'Deadlines',
      [
        {
          uid: 'case-durham-1.notification@case-review',
          date: '2026-11-30',
          summary: 'DUR-1: notification, due',
          description: `A long description; ${'x'.repeat(120)}`,
        },
      ],
      Date.parse('2026-11-23T10:00:00Z'),
    );
    const lines = ics.split('\r\n');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261130');
    expect(lines).toContain('SUMMARY:DUR-1: notification\\, due');
    expect(lines).toContain('DTSTAMP:20261123T100000Z');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(0);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-'));
  const who = { userId: 'bm-1', role: 'business-manager' as const, partnerships: ['durham'] };

  it('trusts a feed address it signed, and no other', () => {
    const feeds = new CalendarFeeds('secret-1', dir(), 90);
    const { token } = feeds.address(who);
    expect(feeds.principalOf(token)).toEqual(who);
    expect(new CalendarFeeds('secret-2', dir(), 90).principalOf(token)).toBeUndefined();
    const [payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, p: ['durham', 'dudley'] })).toString('base64url');
    expect(feeds.principalOf(`${forged}.${sig}`)).toBeUndefined();
    expect(feeds.principalOf(`${payload}`)).toBeUndefined();
  });

  it('stops working when it expires, and when its user revokes their addresses', () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const feeds = new CalendarFeeds('secret-1', dir(), 90, () => now);
    const { token, expiresAt } = feeds.address(who);
    expect(expiresAt).toBe('2027-03-01T10:00:00.000Z');
    now = Date.parse('2027-03-01T09:59:00Z');
    expect(feeds.principalOf(token)).toEqual(who);
    now = Date.parse('2027-03-01T10:00:00Z');
    expect(feeds.principalOf(token)).toBeUndefined();

    now = Date.parse('2026-12-02T10:00:00Z');
    const mine = feeds.address(who).token;
    const theirs = feeds.address({ ...who, userId: 'bm-2' }).token;
    feeds.revoke('bm-1');
    expect(feeds.principalOf(mine)).toBeUndefined();
    expect(feeds.principalOf(theirs)).toMatchObject({ userId: 'bm-2' });
    expect(feeds.principalOf(feeds.address(who).token)).toEqual(who);
  });

  it('refuses an address made before addresses expired', () => {
    const feeds = new CalendarFeeds('secret-1', dir(), 90);
    const { token } = feeds.address(who);
    const [payload] = token.split('.');
    const { e: _e, ...old } = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const oldPayload = Buffer.from(JSON.stringify(old)).toString('base64url');
    // Signed with the deployment's secret as the old addresses were: still refused.
    const signed = (feeds as unknown as { secret: string }).secret;
    const sig = createHmac('sha256', signed).update(`feed.${oldPayload}`).digest('base64url');
    expect(feeds.principalOf(`${oldPayload}.${sig}`)).toBeUndefined();
  });
});
