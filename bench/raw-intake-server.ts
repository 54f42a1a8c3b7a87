// Baseline for api.intake: a bare node:http server that parses the same JSON and does one durable SQLite insert per request.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2];
const db = new Database(join(dir, 'raw-intake.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO cases (id, body, received_at) VALUES (?, ?, ?)');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const id = randomUUID();
      insert.run(id, JSON.stringify(body), new Date().toISOString());
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, ...body }));
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
