/** The calendar feed's format (RFC 5545) and its address token. */
import { describe, expect, it } from 'vitest';
import { feedToken, icsCalendar, principalFromFeedToken } from '../../api/dashboard/calendarFeed';

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

  it('trusts a feed address it signed, and no other', () => {
    const who = { userId: 'bm-1', role: 'business-manager' as const, partnerships: ['durham'] };
    const token = feedToken('secret-1', who);
    expect(principalFromFeedToken('secret-1', token)).toEqual(who);
    expect(principalFromFeedToken('secret-2', token)).toBeUndefined();
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ u: 'bm-1', r: 'business-manager', p: ['durham', 'dudley'] }),
    ).toString('base64url');
    expect(principalFromFeedToken('secret-1', `${forged}.${sig}`)).toBeUndefined();
    expect(principalFromFeedToken('secret-1', `${payload}`)).toBeUndefined();
  });
});
