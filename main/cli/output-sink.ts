import type { Writable } from 'node:stream';

/** Buffered line writer that honours backpressure, so piping a huge output keeps memory flat. */
export class LineSink {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly stream: Writable, private readonly flushAt = 256 * 1024) {}

  /** Buffers a line; call `flush` when it returns true (the buffer is full). */
  add(line: string): boolean {
    this.buffer.push(line, '\n');
    this.size += line.length + 1;
    return this.size >= this.flushAt;
  }

  async write(line: string): Promise<void> {
    if (this.add(line)) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => { this.stream.off('drain', onDrain); reject(error); };
        const onDrain = (): void => { this.stream.off('error', onError); resolve(); };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }
}
