import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A tiny authoritative DNS server on a random loopback UDP port, for TXT only (RFC 1035 §4.1):
 * names in `zone` answer their TXT records (each record a list of strings), any other name is
 * NXDOMAIN, and other query types get an empty answer. Enough for node:dns's resolveTxt.
 */
export interface DnsResponder {
  readonly server: string;
  readonly zone: Map<string, string[][]>;
  close(): Promise<void>;
}

export async function dnsResponder(zone: Record<string, string[][]> = {}): Promise<DnsResponder> {
  const records = new Map(Object.entries(zone).map(([name, txt]) => [name.toLowerCase(), txt]));
  const socket: Socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const answer = respond(query, records);
    if (answer !== null) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    zone: records,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function respond(query: Buffer, zone: Map<string, string[][]>): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  // The question: labels up to a zero byte, then QTYPE and QCLASS.
  let offset = 12;
  const labels: string[] = [];
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset]!;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += 1 + length;
  }
  const questionEnd = offset + 5;
  if (questionEnd > query.length) return null;
  const type = query.readUInt16BE(offset + 1);
  const txt = zone.get(labels.join('.').toLowerCase());
  const answers = type === 16 && txt !== undefined ? txt : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR, opcode 0, AA, RD copied, RA; RCODE 3 (NXDOMAIN) for a name not in the zone.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (txt === undefined ? 3 : 0), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const records = answers.map((strings) => {
    const data = Buffer.concat(
      strings.map((s) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)])),
    );
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // a pointer to the question's name
    fixed.writeUInt16BE(16, 2); // TXT
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(300, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...records]);
}

/** A TXT value as DNS carries it: strings of at most 255 bytes (a 2048-bit DKIM key needs two). */
export function txtStrings(value: string): string[] {
  const strings: string[] = [];
  for (let i = 0; i < value.length; i += 255) strings.push(value.slice(i, i + 255));
  return strings;
}
