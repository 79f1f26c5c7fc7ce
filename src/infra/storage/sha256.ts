// Helpers for content addressing: every object is stored under the sha256 of its bytes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class InvalidSha256Error extends Error {
  constructor(value: string) {
    super(`not a sha256 digest: '${value.slice(0, 80)}' (expected 64 lower-case hex characters)`);
    this.name = 'InvalidSha256Error';
  }
}

export function assertSha256(value: string): string {
  if (!SHA256_HEX.test(value)) throw new InvalidSha256Error(value);
  return value;
}

export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256OfStream(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    size += buffer.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export function sha256OfFile(path: string): Promise<{ sha256: string; size: number }> {
  return sha256OfStream(createReadStream(path));
}
