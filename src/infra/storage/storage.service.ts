// The one way to object storage, whatever the server (MinIO in production, s3rver embedded).
// Objects are content-addressed: the key is derived from the sha256 of the bytes, so the same
// bytes are stored once, and a reader can check that what it got is what was meant.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { Client } from 'minio';
import type { S3Settings } from '../config/config.js';
import { assertSha256, sha256OfBytes, sha256OfFile, sha256OfStream } from './sha256.js';

export interface StoredObject {
  sha256: string;
  key: string;
  size: number;
}

export interface PresignedUrl {
  url: string;
  key: string;
  expiresAt: Date;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`no object with sha256 ${sha256} in storage`);
    this.name = 'ObjectNotFoundError';
  }
}

export class ObjectIntegrityError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`stored bytes hash to ${actual}, not the expected sha256 ${expected}; the object was removed`);
    this.name = 'ObjectIntegrityError';
  }
}

/** One PUT request carries at most 5 GiB in S3; larger objects would need multipart. */
const MAX_SINGLE_PUT = 5 * 1024 ** 3;
/** Below this, bytes go through the client in memory; above, they stream from a file. */
const IN_MEMORY_LIMIT = 16 * 1024 ** 2;

export class StorageService {
  readonly bucket: string;
  private readonly client: Client;

  constructor(private readonly settings: S3Settings, private readonly presignExpirySeconds = 3600) {
    this.bucket = settings.bucket;
    this.client = new Client({
      endPoint: settings.endPoint,
      port: settings.port,
      useSSL: settings.useSSL,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      region: settings.region,
      pathStyle: true,
    });
  }

  static keyOf(sha256: string): string {
    return `sha256/${assertSha256(sha256)}`;
  }

  /** Creates the bucket if missing; fails if the server cannot be reached or refuses the credentials. */
  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket, this.settings.region);
  }

  /** Readiness probe: the bucket answers. */
  async ping(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) throw new Error(`bucket ${this.bucket} does not exist`);
  }

  async putBytes(bytes: Uint8Array): Promise<StoredObject> {
    const sha256 = sha256OfBytes(bytes);
    const key = StorageService.keyOf(sha256);
    if (!(await this.exists(sha256))) {
      await this.client.putObject(this.bucket, key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.byteLength);
    }
    return { sha256, key, size: bytes.byteLength };
  }

  /** Stores a file of any size up to 5 GiB, streamed in one PUT with a known length (no multipart). */
  async putFile(path: string): Promise<StoredObject> {
    const { sha256, size } = await sha256OfFile(path);
    const key = StorageService.keyOf(sha256);
    if (await this.exists(sha256)) return { sha256, key, size };
    if (size <= IN_MEMORY_LIMIT) {
      await this.client.putObject(this.bucket, key, createReadStream(path), size);
    } else {
      await this.streamSinglePut(key, size, () => createReadStream(path));
    }
    return { sha256, key, size };
  }

  /** Stores a stream of unknown length: spooled to a temporary file while hashing, then uploaded. */
  async putStream(stream: Readable): Promise<StoredObject> {
    const dir = await mkdtemp(join(tmpdir(), 'radtrace-upload-'));
    try {
      const file = join(dir, 'object');
      await pipeline(stream, createWriteStream(file));
      return await this.putFile(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async get(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.getStream(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The object's bytes as a stream; `range` selects `length` bytes from `offset`. */
  async getStream(sha256: string, range?: { offset: number; length?: number }): Promise<Readable> {
    const key = StorageService.keyOf(sha256);
    try {
      return range
        ? await this.client.getPartialObject(this.bucket, key, range.offset, range.length)
        : await this.client.getObject(this.bucket, key);
    } catch (err) {
      throw isNotFound(err) ? new ObjectNotFoundError(sha256) : err;
    }
  }

  /** Size and modification time, or null when there is no such object. */
  async stat(sha256: string): Promise<{ sha256: string; key: string; size: number; lastModified: Date } | null> {
    const key = StorageService.keyOf(sha256);
    try {
      const info = await this.client.statObject(this.bucket, key);
      return { sha256, key, size: info.size, lastModified: info.lastModified };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  /** Removes the object (no error if it is absent). Callers make sure no finalised record still names it. */
  async remove(sha256: string): Promise<void> {
    await this.client.removeObject(this.bucket, StorageService.keyOf(sha256));
  }

  /** A URL a client can PUT the bytes to directly; call verify(sha256) once it reports the upload done. */
  async presignedPut(sha256: string, expirySeconds = this.presignExpirySeconds): Promise<PresignedUrl> {
    const key = StorageService.keyOf(sha256);
    const url = await this.client.presignedPutObject(this.bucket, key, expirySeconds);
    return { url, key, expiresAt: new Date(Date.now() + expirySeconds * 1000) };
  }

  async presignedGet(sha256: string, expirySeconds = this.presignExpirySeconds): Promise<PresignedUrl> {
    const key = StorageService.keyOf(sha256);
    const url = await this.client.presignedGetObject(this.bucket, key, expirySeconds);
    return { url, key, expiresAt: new Date(Date.now() + expirySeconds * 1000) };
  }

  /**
   * Re-reads the object and checks its bytes hash to its name. A mismatching object (a client
   * uploaded other bytes to a presigned URL) is removed, and ObjectIntegrityError is thrown.
   */
  async verify(sha256: string): Promise<StoredObject> {
    const actual = await sha256OfStream(await this.getStream(sha256));
    const key = StorageService.keyOf(sha256);
    if (actual.sha256 !== sha256) {
      await this.client.removeObject(this.bucket, key);
      throw new ObjectIntegrityError(sha256, actual.sha256);
    }
    return { sha256, key, size: actual.size };
  }

  /**
   * One streamed PUT through a presigned URL. The minio client would switch to multipart above
   * its part size (and buffer each part in memory); a presigned single PUT streams from disk with
   * a fixed Content-Length and works against every S3-compatible server, s3rver included.
   */
  private async streamSinglePut(key: string, size: number, open: () => Readable): Promise<void> {
    if (size > MAX_SINGLE_PUT) throw new Error(`object of ${size} bytes exceeds the 5 GiB single-upload limit`);
    const { url } = await this.presignedPut(key.slice('sha256/'.length), 3600);
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const digest = createHash('md5');
    await new Promise<void>((resolve, reject) => {
      const req = send(target, { method: 'PUT', headers: { 'Content-Length': String(size) } }, (res) => {
        const body: Buffer[] = [];
        res.on('data', (chunk: Buffer) => body.push(chunk));
        res.on('end', () => {
          if (res.statusCode && res.statusCode < 300) {
            const etag = String(res.headers.etag ?? '').replaceAll('"', '');
            const expected = digest.digest('hex');
            if (/^[0-9a-f]{32}$/.test(etag) && etag !== expected) reject(new Error(`upload of ${key} was corrupted in transit (ETag ${etag}, expected ${expected})`));
            else resolve();
          } else {
            reject(new Error(`upload of ${key} failed: HTTP ${res.statusCode} ${Buffer.concat(body).toString('utf8').slice(0, 300)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      const source = open();
      source.on('data', (chunk: Buffer) => digest.update(chunk));
      pipeline(source, req).catch(reject);
    });
  }
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchObject';
}
