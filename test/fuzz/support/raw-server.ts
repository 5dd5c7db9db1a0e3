import { createServer, type Server, type Socket } from 'node:net';

/** How the server answers one request: any HTTP it likes (framing included), raw bytes, or nothing at all. */
export type Answer =
  | {
      kind: 'http';
      status: number;
      headers: readonly (readonly [string, string])[];
      body: string;
      /** length: honest Content-Length; chunked; close: no length, end of body = end of connection; short / long:
       * a Content-Length that promises more / fewer bytes than sent. */
      framing: 'length' | 'chunked' | 'close' | 'short' | 'long';
    }
  | { kind: 'raw'; bytes: Uint8Array }
  | { kind: 'hangup' }
  | { kind: 'silence' };

/** A loopback TCP server speaking whatever HTTP `answer` says, recording each request line. */
export interface RawServer {
  endpointTemplate: string;
  requests: string[];
  answer: (method: string, path: string) => Answer;
  close(): Promise<void>;
}

export async function startRawServer(): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const raw: RawServer = {
    endpointTemplate: '',
    requests: [],
    answer: () => ({ kind: 'hangup' }),
    close: () => closeServer(server, sockets),
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        const [method = '', path = ''] = head.split('\r\n', 1)[0]!.split(' ');
        raw.requests.push(`${method} ${path}`);
        if (!send(socket, raw.answer(method, path))) return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  raw.endpointTemplate = `http://127.0.0.1:${port}/{region}`;
  return raw;
}

/** Writes the answer; false when the connection is over. */
function send(socket: Socket, answer: Answer): boolean {
  if (answer.kind === 'silence') return true;
  if (answer.kind === 'hangup') {
    socket.destroy();
    return false;
  }
  if (answer.kind === 'raw') {
    socket.end(Buffer.from(answer.bytes));
    return false;
  }
  const body = Buffer.from(answer.body);
  const lines = [`HTTP/1.1 ${answer.status} X`, ...answer.headers.map(([k, v]) => `${k}: ${v}`)];
  if (answer.framing === 'length') lines.push(`content-length: ${body.length}`);
  if (answer.framing === 'short') lines.push(`content-length: ${body.length + 10}`);
  if (answer.framing === 'long') lines.push(`content-length: ${Math.max(0, body.length - 3)}`);
  if (answer.framing === 'chunked') lines.push('transfer-encoding: chunked');
  if (answer.framing === 'close') lines.push('connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const payload =
    answer.framing === 'chunked' ? Buffer.from(`${body.length.toString(16)}\r\n${answer.body}\r\n0\r\n\r\n`) : body;
  if (answer.framing === 'length' || answer.framing === 'chunked') {
    socket.write(Buffer.concat([head, payload]));
    return true;
  }
  socket.end(Buffer.concat([head, payload]));
  return false;
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
