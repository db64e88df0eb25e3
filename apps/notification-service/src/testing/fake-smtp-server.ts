// Just enough of an SMTP server (RFC 5321, no extensions) to receive what nodemailer sends, so the
// SMTP path is tested against a real socket conversation. Recipients listed in `refuse` get 550;
// `answerAfterMs` makes a slow relay, `answerEndOfData` a relay that fails or never answers once it
// has a message.
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message: headers, blank line, body. */
  data: string;
}

/**
 * The relay's answer to the end of a message: accepted (250), a temporary refusal (451: it did not
 * take the message), or none at all (it took the message, but its answer is lost: the sender cannot
 * know whether the email went).
 */
export type EndOfDataAnswer = 'accept' | 'refuse-temporarily' | 'never';

export interface FakeSmtpServer {
  url: string;
  /** Every message the relay took, answered or not. */
  received: ReceivedMail[];
  refuse: Set<string>;
  /** How long the relay waits before answering the end of a message (a slow relay). */
  answerAfterMs: number;
  answerEndOfData: EndOfDataAnswer;
  /** Closes every open connection without an answer, as a relay that crashes does. */
  dropConnections(): void;
  stop(): Promise<void>;
}

export async function startFakeSmtpServer(): Promise<FakeSmtpServer> {
  const sockets = new Set<Socket>();
  const relay: FakeSmtpServer = {
    url: '',
    received: [],
    refuse: new Set<string>(),
    answerAfterMs: 0,
    answerEndOfData: 'accept',
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    stop: async () => {
      relay.dropConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    converse(socket, relay);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  relay.url = `smtp://127.0.0.1:${port}`;
  return relay;
}

/** A refused message is not kept; one left unanswered is, as the relay may well deliver it. */
function endOfData(relay: FakeSmtpServer, mail: ReceivedMail, reply: (line: string) => void): void {
  if (relay.answerEndOfData !== 'refuse-temporarily') relay.received.push(mail);
  if (relay.answerEndOfData === 'never') return;
  const answer = relay.answerEndOfData === 'accept' ? '250 queued' : '451 try again later';
  if (relay.answerAfterMs > 0) setTimeout(() => reply(answer), relay.answerAfterMs);
  else reply(answer);
}

function converse(socket: Socket, relay: FakeSmtpServer): void {
  let buffer = '';
  let mail: ReceivedMail | undefined;
  let inData = false;
  const reply = (line: string) => {
    if (!socket.destroyed) socket.write(`${line}\r\n`);
  };
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
          if (mail) endOfData(relay, mail, reply);
          mail = undefined;
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
        if (relay.refuse.has(address)) reply('550 no such mailbox');
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
