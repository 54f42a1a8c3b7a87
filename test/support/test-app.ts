import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import request from 'supertest';
import { Role } from '@app/auth';
import { Clock } from '@app/core';
import { Upcaster } from '@app/event-store';
import { loadConfig } from '@app/platform';
import { tokenFor } from '@app/testing';
import { createApp } from '../../apps/api/src/create-app';

export interface TestApp {
  app: INestApplication;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  as(role: Role | Role[], units?: string[]): Promise<{ Authorization: string }>;
  /** Registers a unit as admin (201 expected); its response carries X-Event-Position. */
  unit(id: string, over?: object): Promise<request.Response>;
  /** Registers a web complaint to unit `hgb` as intake (201 expected); `over` sets or replaces any field. */
  complaint(over?: object): Promise<{ id: string; reference: string }>;
  close(): Promise<void>;
}

/** The whole API on a fresh embedded store in a temp DATA_DIR, in development auth mode. */
export async function startTestApp(
  options: { clock?: Clock; dataDir?: string; env?: NodeJS.ProcessEnv; logger?: Logger; upcasters?: [string, Upcaster][] } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'synpunkt-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const app = await createApp({ config, clock: options.clock, logger: options.logger, upcasters: options.upcasters });
  await app.init();
  return {
    app,
    dataDir,
    http: () => request(app.getHttpServer()),
    as: async (role, units = ['*']) => ({ Authorization: `Bearer ${await tokenFor(role, units)}` }),
    unit: async (id, over = {}) =>
      request(app.getHttpServer())
        .post('/api/units')
        .set({ Authorization: `Bearer ${await tokenFor('admin', ['*'])}` })
        .send({ id, name: `Enhet ${id}`, department: 'Förskola', district: 'Spånga-Tensta', ...over })
        .expect(201),
    complaint: async (over = {}) =>
      (
        await request(app.getHttpServer())
          .post('/api/cases')
          .set({ Authorization: `Bearer ${await tokenFor('intake', ['*'])}` })
          .send({ type: 'complaint', channel: 'web', unitId: 'hgb', description: 'Maten var kall.', ...over })
          .expect(201)
      ).body as { id: string; reference: string },
    close: () => app.close(),
  };
}

/** A supertest parser that keeps the body as bytes (CSV with BOM, XLSX). */
export function binary(res: request.Response, callback: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A guarantee draft for `unitId` with one commitment `svar` (five working days), as POST /api/guarantees takes it. */
export const guaranteeDraft = (unitId: string, over: object = {}) => ({
  unitId,
  year: 2026,
  title: 'Garanti',
  commitments: [{ id: 'svar', text: 'Svar inom fem dagar', responseWorkingDays: 5 }],
  remedy: 'Vi ringer upp',
  contact: { name: 'Chef' },
  ...over,
});
