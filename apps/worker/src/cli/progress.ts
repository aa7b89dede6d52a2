import { SingleBar } from 'cli-progress';

/**
 * Human progress on stderr: a bar on a terminal, a line every few seconds otherwise (CI logs, Airflow).
 * stdout stays reserved for the command's JSON summary.
 */
export class ProgressReporter {
  private bar?: SingleBar;
  private lastLine = 0;
  private label = '';

  constructor(private readonly interactive = Boolean(process.stderr.isTTY)) {}

  update(label: string, fraction: number, detail = ''): void {
    const percent = Math.max(0, Math.min(100, Math.round(fraction * 1000) / 10));
    if (this.interactive) {
      if (!this.bar || label !== this.label) {
        this.bar?.stop();
        this.bar = new SingleBar({
          stream: process.stderr,
          format: `${label.padEnd(11)} [{bar}] {percentage}% {detail}`,
          hideCursor: true,
          clearOnComplete: false,
        });
        this.bar.start(100, 0, { detail: '' });
      }
      this.bar.update(percent, { detail });
    } else if (Date.now() - this.lastLine > 5000 || percent >= 100 || label !== this.label) {
      process.stderr.write(`${label}: ${percent}% ${detail}\n`);
      this.lastLine = Date.now();
    }
    this.label = label;
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
