#!/usr/bin/env node
// The list-fetch floor (issue 13): what `pgensure plan` cannot go below. The SAME client the CLI builds (connectApi:
// the same undici Agent, page size 100, the rate learner), the same emulator, the same list calls per region (the
// cluster list, /versions, /backup-locations, every region at once); it only fetches and parses the pages (the
// client parses each page's JSON) and prints how many clusters it saw. Spawned as its own process, like the CLI.
//   PGENSURE_ENDPOINT=... IONOS_TOKEN=... node bench/lib/floor.mjs de-fra,de-txl,...
import { connectApi } from '../../dist/cli/connect.js';

const regions = (process.argv[2] ?? '').split(',').filter(Boolean);
const silent = () => {};
const logger = { isLevelEnabled: () => false, info: silent, debug: silent, warn: silent, error: silent };
const io = { env: process.env, stderr: process.stderr, stdout: process.stdout, cwd: process.cwd() };
const client = await connectApi(io, undefined, logger);
const perRegion = await Promise.all(
  regions.map(async (region) => {
    const [clusters] = await Promise.all([
      client.listClusters(region),
      client.listVersions(region),
      client.listBackupLocations(region),
    ]);
    return clusters.length;
  }),
);
process.stdout.write(`${perRegion.reduce((a, b) => a + b, 0)}\n`);
