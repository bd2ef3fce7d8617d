import WebSocket from 'ws';

export type Frame = Record<string, any>;

/**
 * A raw DDP client over `ws` for protocol edge cases: send anything (objects, strings,
 * binary), read frames in order, watch the close. The `server_id` frame is kept in `frames`
 * but skipped by `next()`.
 */
export class RawDdp {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #queue: Frame[] = [];
  #waiters: Array<(f: Frame) => void> = [];
  #ids = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('error', () => {});
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      this.frames.push(frame);
      if ('server_id' in frame) return;
      const waiter = this.#waiters.shift();
      if (waiter) waiter(frame);
      else this.#queue.push(frame);
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Open a socket (no DDP `connect` yet). */
  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<RawDdp> {
    const socket = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RawDdp(socket)));
      socket.once('error', reject);
    });
  }

  /** Open and `connect` with version 1; resolves once `connected` arrived. */
  static async connect(url: string): Promise<RawDdp> {
    const ddp = await RawDdp.open(url);
    ddp.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    const frame = await ddp.next();
    if (frame.msg !== 'connected') throw new Error(`expected connected, got ${JSON.stringify(frame)}`);
    return ddp;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** The next frame (server_id excluded), or a rejection after `ms`. */
  next(ms = 2000): Promise<Frame> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`no frame within ${ms} ms`));
      }, ms);
      const waiter = (f: Frame) => {
        clearTimeout(timer);
        resolve(f);
      };
      this.#waiters.push(waiter);
    });
  }

  /** Call a method and collect its `updated` and `result` frames in arrival order. */
  async call(method: string, ...params: unknown[]): Promise<{ result: Frame; order: string[] }> {
    const id = String(++this.#ids);
    this.send({ msg: 'method', id, method, params });
    const order: string[] = [];
    let result: Frame | undefined;
    while (order.length < 2) {
      const f = await this.next();
      if (f.msg === 'result' && f.id === id) result = f;
      else if (!(f.msg === 'updated' && f.methods?.includes(id))) continue;
      order.push(f.msg);
    }
    return { result: result!, order };
  }

  /** `call` returning the `result` value, throwing the DDP error object. */
  async apply(method: string, ...params: unknown[]): Promise<any> {
    const { result } = await this.call(method, ...params);
    if (result.error) throw result.error;
    return result.result;
  }

  close(): void {
    this.socket.close();
  }
}

/** The status and body of a refused WebSocket upgrade (rejects if the upgrade is accepted). */
export function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => reject(new Error('upgrade accepted')));
    ws.on('error', () => {});
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}
