import net from 'node:net';
import { phoneAnswers, phoneFiles, type FakePhone } from './phone';

/**
 * A fake adb SERVER on loopback (a random port) speaking the real host protocol: 4-hex-length
 * requests, OKAY/FAIL, `host:version`, `host:devices-l`, `host:transport:<serial>` then one
 * `shell:<command>` or `sync:` (RECV, QUIT). It answers only what a real phone would be asked by
 * the scan (the phone's recorded outputs); anything else gets FAIL and is kept in `unexpected`,
 * so a test can assert that nothing else was sent. Every request is kept in `received`.
 */

export const FAKE_ADB_VERSION = 41;

export interface FakeAdbServer {
  port: number;
  received: string[];
  unexpected: string[];
  /** Connections that were opened, for the bench and the tests. */
  connections: number;
  /** The cable pulled: the phone leaves the device list and every request to it fails as adb says. */
  unplug(serial: string): void;
  close(): Promise<void>;
}

export interface FakeAdbServerOptions {
  /** Pulls the phone's cable once this many `shell:` requests have been made to it (a phone lost mid-scan). */
  unplugAfterShellRequests?: { serial: string; count: number };
}

function okay(socket: net.Socket, block?: string): void {
  if (block === undefined) socket.write('OKAY');
  else {
    const bytes = Buffer.from(block, 'utf8');
    socket.write(Buffer.concat([Buffer.from('OKAY' + bytes.length.toString(16).padStart(4, '0')), bytes]));
  }
}

function fail(socket: net.Socket, message: string): void {
  const bytes = Buffer.from(message, 'utf8');
  socket.end(Buffer.concat([Buffer.from('FAIL' + bytes.length.toString(16).padStart(4, '0')), bytes]));
}

export async function startFakeAdbServer(
  allPhones: FakePhone[],
  options: FakeAdbServerOptions = {},
): Promise<FakeAdbServer> {
  let phones = [...allPhones];
  let shellRequests = 0;
  const answers = new Map(phones.map((p) => [p.serial, phoneAnswers(p)]));
  const files = new Map(phones.map((p) => [p.serial, phoneFiles(p)]));
  const received: string[] = [];
  const unexpected: string[] = [];
  const sockets = new Set<net.Socket>();
  const state = { connections: 0 };

  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let serial: string | null = null;
    let mode: 'host' | 'sync' | 'done' = 'host';

    const refuse = (request: string, message: string) => {
      unexpected.push(request);
      mode = 'done';
      fail(socket, message);
    };

    const handleHost = (request: string) => {
      received.push(request);
      if (serial === null) {
        if (request === 'host:version') return okay(socket, FAKE_ADB_VERSION.toString(16).padStart(4, '0'));
        if (request === 'host:devices-l')
          return okay(
            socket,
            phones
              .map(
                (p, i) =>
                  `${p.serial.padEnd(22)} ${p.state ?? 'device'} product:${p.model.toLowerCase().replace(/\W/g, '_')} model:${p.model.replace(/\s/g, '_')} device:fake transport_id:${i + 1}\n`,
              )
              .join(''),
          );
        if (request.startsWith('host:transport:')) {
          const wanted = request.slice('host:transport:'.length);
          const phone = phones.find((p) => p.serial === wanted);
          if (!phone) return refuse(request, `device '${wanted}' not found`);
          if ((phone.state ?? 'device') !== 'device') return refuse(request, `device ${phone.state}`);
          serial = wanted;
          return okay(socket);
        }
        return refuse(request, `unknown host service '${request}'`);
      }
      if (request.startsWith('shell:')) {
        const unplugAt = options.unplugAfterShellRequests;
        if (unplugAt?.serial === serial && ++shellRequests > unplugAt.count)
          phones = phones.filter((p) => p.serial !== serial);
        if (!phones.some((p) => p.serial === serial)) {
          mode = 'done';
          fail(socket, `device '${serial}' not found`);
          return;
        }
        const answer = answers.get(serial)!.get(request.slice('shell:'.length));
        if (!answer) return refuse(request, 'not something a phone is asked in this test');
        mode = 'done';
        okay(socket);
        // Sent in pieces, as a phone's output arrives.
        const bytes = Buffer.from(answer(), 'utf8');
        for (let at = 0; at < bytes.length; at += 4096) socket.write(bytes.subarray(at, at + 4096));
        socket.end();
        return;
      }
      if (request === 'sync:') {
        mode = 'sync';
        return okay(socket);
      }
      return refuse(request, `unknown service '${request}'`);
    };

    const handleSync = (id: string, payload: Buffer) => {
      if (id === 'QUIT') {
        received.push('QUIT');
        mode = 'done';
        socket.end();
        return;
      }
      const request = `${id}:${payload.toString('utf8')}`;
      received.push(request);
      const file = id === 'RECV' ? files.get(serial!)!.get(payload.toString('utf8')) : undefined;
      if (!file) {
        unexpected.push(request);
        const message = Buffer.from(id === 'RECV' ? 'No such file or directory' : 'unsupported');
        const head = Buffer.alloc(8);
        head.write('FAIL', 0, 'latin1');
        head.writeUInt32LE(message.length, 4);
        socket.write(Buffer.concat([head, message]));
        return;
      }
      for (let at = 0; at < file.length; at += 65536) {
        const chunk = file.subarray(at, at + 65536);
        const head = Buffer.alloc(8);
        head.write('DATA', 0, 'latin1');
        head.writeUInt32LE(chunk.length, 4);
        socket.write(Buffer.concat([head, chunk]));
      }
      const done = Buffer.alloc(8);
      done.write('DONE', 0, 'latin1');
      done.writeUInt32LE(Math.floor(Date.now() / 1000), 4);
      socket.write(done);
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (mode === 'done') return;
        if (mode === 'host') {
          if (buffer.length < 4) return;
          const length = parseInt(buffer.toString('latin1', 0, 4), 16);
          if (!Number.isFinite(length)) return refuse(buffer.toString('latin1'), 'bad length');
          if (buffer.length < 4 + length) return;
          const request = buffer.toString('utf8', 4, 4 + length);
          buffer = buffer.subarray(4 + length);
          handleHost(request);
        } else {
          if (buffer.length < 8) return;
          const id = buffer.toString('latin1', 0, 4);
          const length = buffer.readUInt32LE(4);
          if (buffer.length < 8 + length) return;
          const payload = buffer.subarray(8, 8 + length);
          buffer = buffer.subarray(8 + length);
          handleSync(id, payload);
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    unexpected,
    get connections() {
      return state.connections;
    },
    unplug(serial: string) {
      phones = phones.filter((p) => p.serial !== serial);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
