/** One parsed server-sent event. */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * A `text/event-stream` answer read over real HTTP with fetch: `next()` waits for the next
 * event (comments and `retry:` lines are skipped), `ended` resolves when the server closes it.
 */
export class SseReader {
  readonly ended: Promise<void>;
  #buffer = '';
  #events: SseEvent[] = [];
  #wake?: () => void;
  #done = false;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;

  private constructor(readonly response: Response) {
    const reader = response.body!.getReader();
    this.#reader = reader;
    const decoder = new TextDecoder();
    this.ended = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.#buffer += decoder.decode(value, { stream: true });
          this.#parse();
        }
      } catch {
        /* aborted */
      } finally {
        this.#done = true;
        this.#wake?.();
      }
    })();
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
    return new SseReader(response);
  }

  /** The next event, or a rejection after `ms` or when the stream ended. */
  async next(ms = 3000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    while (this.#events.length === 0) {
      if (this.#done) throw new Error('stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.#events.shift()!;
  }

  /** `data` of the next event, parsed as JSON. */
  async nextJson(ms?: number): Promise<any> {
    return JSON.parse((await this.next(ms)).data ?? 'null');
  }

  close(): Promise<void> {
    void this.#reader.cancel().catch(() => undefined);
    return this.ended;
  }

  #parse(): void {
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) !== -1) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
      }
      if (event.data !== undefined) {
        this.#events.push(event);
        this.#wake?.();
      }
    }
  }
}
