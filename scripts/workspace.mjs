// `npm run workspace -- init URL CONFIG`: set a CouchDB up as a shared workspace.
// URL carries the server admin (`https://admin:secret@couch.example.org`), or give the admin as
// COUCHDB_USER / COUCHDB_PASSWORD. CONFIG is a JSON file: see docs/workspace.md.
import { readFileSync } from 'node:fs';
import { importTs } from './lib/import-ts.mjs';

const USAGE = 'Usage: npm run workspace -- init URL CONFIG.json [--replication-url URL]';

function fail(message) {
  console.error(message);
  process.exit(1);
}

const [command, address, configFile, ...rest] = process.argv.slice(2);
if (command !== 'init' || !address || !configFile) fail(USAGE);
const replicationIndex = rest.indexOf('--replication-url');
const replicationUrl = replicationIndex === -1 ? undefined : rest[replicationIndex + 1];

let url;
try {
  url = new URL(address);
} catch {
  fail(`Not a server address: ${address}\n${USAGE}`);
}
const admin = {
  name: decodeURIComponent(url.username) || process.env.COUCHDB_USER || '',
  password: decodeURIComponent(url.password) || process.env.COUCHDB_PASSWORD || '',
};
if (!admin.name || !admin.password) fail('Give the admin in the URL or as COUCHDB_USER and COUCHDB_PASSWORD.');
url.username = '';
url.password = '';

let config;
try {
  config = JSON.parse(readFileSync(configFile, 'utf8'));
} catch (error) {
  fail(`Cannot read ${configFile}: ${error.message}`);
}

const { initWorkspace, WorkspaceError } = await importTs('scripts/workspace/init.ts');
try {
  const result = await initWorkspace({ url: url.toString(), admin, config, replicationUrl, log: console.log });
  console.log(`\nWorkspace ready: ${result.databases.length} databases, ${result.rollupJobs.length} roll-up jobs.`);
  if (result.newUsers.length > 0) {
    console.log('New users and their passwords (shown once, stored nowhere; hand each to its owner):');
    for (const user of result.newUsers) console.log(`  ${user.name}  ${user.password}`);
  }
} catch (error) {
  fail(error instanceof WorkspaceError ? error.message : `Failed: ${error?.stack ?? error}`);
}
