import type { Writable } from 'node:stream';

/** One self-overwriting status line on a terminal, at most 10 updates a second; silent when piped. */
export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(private readonly stream: Writable & { isTTY?: boolean; columns?: number }) {}

  update(text: string): void {
    if (this.stream.isTTY !== true) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r${text.length > width ? `…${text.slice(text.length - width + 1)}` : text.padEnd(width)}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write(`\r${' '.repeat(Math.max(20, (this.stream.columns ?? 80) - 1))}\r`);
    this.shown = false;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}
