// An embedded S3-compatible server (s3rver) on loopback for machines without MinIO: objects live
// as files under $RADTRACE_DATA_DIR/objects. It runs inside this process, so it cannot outlive it.
import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import type { Logger } from 'pino';
import type { S3Settings } from '../config/config.js';
import { StartupError, describeError } from '../startup-error.js';

export interface EmbeddedS3 {
  settings: S3Settings;
  stop(): Promise<void>;
}

/** s3rver's one built-in account. */
const EMBEDDED_ACCESS_KEY = 'S3RVER';

export async function startEmbeddedS3(directory: string, bucket: string, logger: Logger, port = 0): Promise<EmbeddedS3> {
  await mkdir(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: [{ name: bucket }] });
  let address;
  try {
    address = await server.run();
  } catch (err) {
    throw new StartupError(`embedded object store could not start on 127.0.0.1:${port}: ${describeError(err)}`);
  }
  logger.child({ component: 'embedded-s3' }).info({ port: address.port, directory }, 'embedded object store ready');
  return {
    settings: {
      endPoint: '127.0.0.1',
      port: address.port,
      useSSL: false,
      accessKey: EMBEDDED_ACCESS_KEY,
      secretKey: EMBEDDED_ACCESS_KEY,
      bucket,
      region: 'us-east-1',
    },
    async stop() {
      // Keep-alive sockets would hold close() open until they time out.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
