// Just enough of an SMTP server (RFC 5321, no extensions) to receive what nodemailer sends, so the
// SMTP path is tested against a real socket conversation. Recipients listed in `refuse` get 550.
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message: headers, blank line, body. */
  data: string;
}

export interface FakeSmtpServer {
  url: string;
  received: ReceivedMail[];
  refuse: Set<string>;
  stop(): Promise<void>;
}

export async function startFakeSmtpServer(): Promise<FakeSmtpServer> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    converse(socket, received, refuse);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function converse(socket: Socket, received: ReceivedMail[], refuse: Set<string>): void {
  let buffer = '';
  let mail: ReceivedMail | undefined;
  let inData = false;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  reply('220 fake-smtp ready');
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (inData) {
        if (line === '.') {
          inData = false;
          if (mail) received.push(mail);
          mail = undefined;
          reply('250 queued');
        } else if (mail) {
          mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
        }
        continue;
      }
      const command = line.slice(0, 4).toUpperCase();
      const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
      if (command === 'EHLO' || command === 'HELO') reply('250 fake-smtp');
      else if (command === 'MAIL') {
        mail = { from: address, to: [], data: '' };
        reply('250 ok');
      } else if (command === 'RCPT') {
        if (refuse.has(address)) reply('550 no such mailbox');
        else {
          mail?.to.push(address);
          reply('250 ok');
        }
      } else if (command === 'DATA') {
        inData = true;
        reply('354 end with <CRLF>.<CRLF>');
      } else if (command === 'QUIT') {
        reply('221 bye');
        socket.end();
      } else reply('250 ok');
    }
  });
}
