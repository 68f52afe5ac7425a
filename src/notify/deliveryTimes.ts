/**
 * How long sending a notice may take, shared by the SMTP channel (the worker's settings) and
 * the notice activity's timeouts (workflow code, which cannot read the settings): one
 * attempt must be allowed to finish before Temporal starts the next, or a slow mail server
 * gets the same e-mail twice. No imports: workflow code loads this.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The least time a client should wait at each stage, RFC 5321 §4.5.3.2. */
export const RFC5321_TIMEOUTS_MS = {
  greeting: 5 * MINUTE,
  mail: 5 * MINUTE,
  rcpt: 5 * MINUTE,
  dataInitiation: 2 * MINUTE,
  dataBlock: 3 * MINUTE,
  dataTermination: 10 * MINUTE,
} as const;

export interface SmtpTimeouts {
  /** Connecting (DNS and TCP); the RFC names no time. */
  connectMs: number;
  /** Waiting for the server's 220 greeting. */
  greetingMs: number;
  /** Waiting for any reply after that: nodemailer has one inactivity timeout for every command. */
  socketMs: number;
  /** The whole of one message, from connecting to the reply to its final dot. */
  sendMs: number;
}

const rfc = RFC5321_TIMEOUTS_MS;

export const SMTP_DEFAULT_TIMEOUTS: SmtpTimeouts = {
  connectMs: 2 * MINUTE, // nodemailer's own default
  greetingMs: rfc.greeting,
  // The longest wait for a reply: the one that says whether the message was taken.
  socketMs: Math.max(rfc.mail, rfc.rcpt, rfc.dataInitiation, rfc.dataBlock, rfc.dataTermination),
  // Connecting, then every stage at its limit: 32 minutes.
  sendMs: 2 * MINUTE + Object.values(rfc).reduce((sum, ms) => sum + ms, 0),
};

/** The most a deployment may set SMTP_SEND_TIMEOUT to: what the activity's timeout allows. */
export const SMTP_MAX_SEND_MS = SMTP_DEFAULT_TIMEOUTS.sendMs;

/**
 * One attempt at a notice: its copies go at once, each within its channel's limit (the
 * longest is an e-mail's), then the journal and the outbox are written.
 */
export const NOTICE_ATTEMPT_TIMEOUT_MS = SMTP_MAX_SEND_MS + 3 * MINUTE;

/**
 * A worker that dies mid-send is noticed this soon, and the attempt is retried elsewhere:
 * the activity heartbeats throughout, whatever stage the mail server is at.
 */
export const NOTICE_HEARTBEAT_TIMEOUT_MS = 30 * SECOND;
