import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectIntegrityError, ObjectNotFoundError, StorageService } from '../../src/infra/storage/storage.service.js';
import { freshObjectStore, tempDir, type TestObjectStore } from '../support/services.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('StorageService against a real S3-compatible server', () => {
  let store: TestObjectStore;
  let storage: StorageService;
  beforeAll(async () => {
    store = await freshObjectStore();
    storage = store.storage;
  });
  afterAll(async () => { await store?.stop(); });

  it('round-trips bytes exactly and finds them by their sha256', async () => {
    const bytes = randomBytes(1024 * 1024 + 17);
    const stored = await storage.putBytes(bytes);
    expect(stored).toEqual({ sha256: sha256(bytes), key: `sha256/${sha256(bytes)}`, size: bytes.length });
    expect(Buffer.compare(await storage.get(stored.sha256), bytes)).toBe(0);
    expect(await storage.exists(stored.sha256)).toBe(true);
    expect((await storage.stat(stored.sha256))?.size).toBe(bytes.length);
    // A ranged read returns exactly that slice.
    const part: Buffer[] = [];
    for await (const chunk of await storage.getStream(stored.sha256, { offset: 1000, length: 500 })) part.push(chunk as Buffer);
    expect(Buffer.compare(Buffer.concat(part), bytes.subarray(1000, 1500))).toBe(0);
    // Storing the same bytes again yields the same object.
    expect(await storage.putBytes(bytes)).toEqual(stored);
  });

  it('reports absent objects as absent', async () => {
    const missing = sha256(Buffer.from('never stored'));
    expect(await storage.exists(missing)).toBe(false);
    expect(await storage.stat(missing)).toBeNull();
    await expect(storage.get(missing)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.exists('not-a-hash')).rejects.toThrow(/not a sha256 digest/);
  });

  it('accepts an upload to a presigned PUT URL over plain HTTP, then verifies it', async () => {
    const bytes = randomBytes(300_000);
    const digest = sha256(bytes);
    const { url } = await storage.presignedPut(digest);
    const put = await fetch(url, { method: 'PUT', body: bytes });
    expect(put.status).toBe(200);
    expect(await storage.verify(digest)).toEqual({ sha256: digest, key: `sha256/${digest}`, size: bytes.length });

    const get = await fetch((await storage.presignedGet(digest)).url);
    expect(Buffer.compare(Buffer.from(await get.arrayBuffer()), bytes)).toBe(0);
  });

  it('removes an upload whose bytes do not match the sha256 it was announced under', async () => {
    const announced = sha256(Buffer.from('the bytes the client promised'));
    const { url } = await storage.presignedPut(announced);
    expect((await fetch(url, { method: 'PUT', body: Buffer.from('other bytes') })).status).toBe(200);
    await expect(storage.verify(announced)).rejects.toBeInstanceOf(ObjectIntegrityError);
    expect(await storage.exists(announced)).toBe(false);
  });

  it('streams an object larger than the client part size in one PUT (no multipart)', async () => {
    // 70 MiB: above the minio client's 64 MiB part size, where putObject would go multipart.
    const dir = await tempDir('big');
    try {
      const bytes = randomBytes(70 * 1024 * 1024);
      const file = join(dir.path, 'volume.nrrd');
      await writeFile(file, bytes);
      const stored = await storage.putFile(file);
      expect(stored.sha256).toBe(sha256(bytes));
      expect((await storage.stat(stored.sha256))?.size).toBe(bytes.length);
      expect((await storage.verify(stored.sha256)).size).toBe(bytes.length);

      const streamed = await storage.putStream(Readable.from([bytes.subarray(0, 20_000_000), bytes.subarray(20_000_000, 20_000_100)]));
      expect(streamed).toEqual({ sha256: sha256(bytes.subarray(0, 20_000_100)), key: `sha256/${sha256(bytes.subarray(0, 20_000_100))}`, size: 20_000_100 });
      expect(Buffer.compare(await storage.get(streamed.sha256), bytes.subarray(0, 20_000_100))).toBe(0);
    } finally {
      await dir.remove();
    }
  });
});
