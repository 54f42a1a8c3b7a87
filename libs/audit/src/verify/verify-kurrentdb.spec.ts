import { generateKeyPairSync } from 'node:crypto';
import { FixedClock } from '@app/core';
import type { AppConfig } from '@app/platform';
import { EsdbEventStore } from '../../../event-store/src/esdb/esdb-event-store';
import { FakeEsdbClient } from '../../../event-store/test/fake-esdb-client';
import { signerFromKey } from '../digests/digest-signing';
import { RecordLogDigest } from '../digests/record-log-digest.command';
import { RecordLogDigestHandler } from '../digests/record-log-digest.handler';
import { VerifyLog, VerifyLogHandler } from './verify.query';

/** A KurrentDB log (the client faked at its boundary) of two streams, four events, and a digest, signed or not. */
async function kurrentLog(signed: boolean) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const fake = new FakeEsdbClient();
  fake.write('$epochs', '$epoch-information', {}); // as on a server, a system record holds position 0
  const store = new EsdbEventStore(fake.asClient(), { clock });
  for (let n = 0; n < 3; n++) await store.append('case-1', [{ type: 'Thing.v1', data: { n }, metadata: { actor: { sub: 'u1' } } }]);
  await store.append('case-2', [{ type: 'Thing.v1', data: { n: 0 }, metadata: { actor: { sub: 'u1' } } }]);
  const signer = signed ? signerFromKey(generateKeyPairSync('ed25519').privateKey) : null;
  await new RecordLogDigestHandler(store, clock, signer).execute(new RecordLogDigest({ sub: 'system:digest' }));
  const config = { referenceVoidAfterSeconds: 3600 } as AppConfig;
  const verify = () => new VerifyLogHandler(store, clock, config).execute(new VerifyLog());
  /** What a scavenge leaves after the stream's last event was removed (say, by `$tb` set and cleared again). */
  const cutStreamEnd = () =>
    fake.log.splice(
      fake.log.findIndex((e) => e.streamId === 'case-1' && e.revision === 2n),
      1,
    );
  return { verify, cutStreamEnd };
}

describe('verify on KurrentDB, which records no stream heads', () => {
  it('finds events cut from a stream’s end by the newest signed digest', async () => {
    const { verify, cutStreamEnd } = await kurrentLog(true);
    expect(await verify()).toMatchObject({ ok: true, signedHeads: { ok: true } });
    cutStreamEnd();
    expect(await verify()).toMatchObject({ ok: false, signedHeads: { ok: false, reason: expect.stringMatching(/no longer matches/) } });
  });

  it('says that nothing vouches for the heads while no digest is signed', async () => {
    const { verify, cutStreamEnd } = await kurrentLog(false);
    cutStreamEnd();
    expect(await verify()).toMatchObject({ ok: true, signedHeads: { ok: true, reason: expect.stringMatching(/no signed digest/) } });
  });
});
