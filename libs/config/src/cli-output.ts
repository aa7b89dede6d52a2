/** Exit codes shared by every CLI command: orchestrators branch on them. */
export const ExitCode = { OK: 0, FAILURE: 1, USAGE: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input or usage: reported without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Writes the command's one JSON summary line; it must be the last line on stdout. */
export function emitSummary(summary: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`${JSON.stringify(summary)}\n`);
}
