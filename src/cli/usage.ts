/** Bad input on the command line: one line on stderr and exit code 2, nothing on stdout. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
