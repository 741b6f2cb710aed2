import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS, FORMS } from '../../forms/fields.generated';
import { createZoneDispatcher, type ZoneDispatcher } from '../../src-main/zone/zone-dispatcher';
import { PEOPLE } from '../helpers/temp-core';
import { startServerProcess, startTestZone, type ServerProcess, type TestZone } from '../helpers/zone';

/**
 * Two instances of `hearing-desk-server`, each its own process, on one database, zone key and data
 * folder, behind a TCP balancer (zone.md: "stateless: sessions in PostgreSQL"). One is killed with
 * SIGKILL in the middle of an officer's saves.
 */
/** Any TCP balancer: each connection to the next instance that accepts it (TLS ends on the instances). */
function startBalancer(ports: () => number[], connected: (port: number) => void): Promise<net.Server> {
  let next = 0;
  const server = net.createServer((client) => {
    client.on('error', () => client.destroy());
    const candidates = ports();
    const attempt = (tries: number) => {
      const port = candidates[next++ % candidates.length]!;
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        connected(port);
        client.pipe(upstream).pipe(client);
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.once('error', () => (tries > 1 ? attempt(tries - 1) : client.destroy()));
    };
    attempt(candidates.length);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('two server instances behind a balancer', () => {
  let zone: TestZone;
  let instances: ServerProcess[] = [];
  let balancer: net.Server;
  let workstation: ZoneDispatcher;
  /** The instance each connection through the balancer reached, in order. */
  const connections: number[] = [];

  beforeAll(async () => {
    zone = await startTestZone();
    // The in-process server made the first administrator's database; the instances take over.
    const setup = await zone.workstation('ws-setup');
    const admin = await setup.call('1', 'setup.createAdministrator', PEOPLE.admin);
    expect(admin.ok).toBe(true);
    const unit = await setup.call('1', 'units.save', { name: 'Unité instances' });
    const officer = await setup.call('1', 'users.create', {
      ...PEOPLE.officer,
      unitId: (unit as { value: { unit: { id: string } } }).value.unit.id,
    });
    expect(officer.ok).toBe(true);
    await zone.owner.query('UPDATE users SET must_change_password = false', []);
    await zone.running.close();

    const config = JSON.parse(fs.readFileSync(zone.configFile, 'utf8')) as Record<string, unknown>;
    const instanceConfig = path.join(path.dirname(zone.configFile), 'instance.json');
    fs.writeFileSync(
      instanceConfig,
      JSON.stringify({ ...config, listen: { host: '127.0.0.1', port: 0 }, health: undefined }),
    );
    instances = [await startServerProcess(instanceConfig), await startServerProcess(instanceConfig)];
    const alive = () =>
      instances.filter((i) => i.process.exitCode === null && i.process.signalCode === null).map((i) => i.port);
    balancer = await startBalancer(alive, (port) => connections.push(port));
    const port = (balancer.address() as net.AddressInfo).port;
    workstation = createZoneDispatcher({
      ...(await zone.connectionOf('ws-room-1')),
      serverUrl: `https://localhost:${port}`,
    });
  });
  afterAll(async () => {
    workstation?.close();
    balancer?.close();
    for (const instance of instances) await instance.kill();
    await zone?.stop();
  });

  it('loses no confirmed answer and no sign-in when one instance is killed during a stream of saves', async () => {
    const signedIn = await workstation.call('1', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    expect(signedIn.ok).toBe(true);
    const created = await workstation.call('1', 'hearings.create', {});
    if (!created.ok) throw new Error(created.error.code);
    const hearingId = created.value.hearing.id;

    let revision = 0;
    const confirmed: string[] = [];
    let unreachable = 0;
    let killed: ServerProcess | undefined;
    for (let i = 1; i <= 60; i++) {
      // The instance the workstation's connection goes to now.
      if (i === 25) {
        killed = instances.find((instance) => instance.port === connections.at(-1))!;
        void killed.kill();
      }
      const value = `Récit fictif, version ${i}`;
      // A save the server did not confirm is sent again (the renderer keeps the text; the outbox
      // will do this by itself). One whose answer was lost after its commit comes back stale: the
      // stored value says whether it was this one.
      for (let attempt = 0; ; attempt++) {
        if (attempt === 5) throw new Error(`Save ${i} never confirmed`);
        const saved = await workstation.call('1', 'hearings.saveAnswers', {
          hearingId,
          formId: FORMS.facts,
          changes: [{ fieldId: FIELDS.facts.narrative, value, baseRevision: revision }],
        });
        if (saved.ok) {
          revision = saved.value.revisions[0]!.revision;
          confirmed.push(value);
          break;
        }
        if (saved.error.code === 'STALE_REVISION' && attempt > 0) {
          const loaded = await workstation.call('1', 'hearings.load', { hearingId });
          if (!loaded.ok) throw new Error(loaded.error.code);
          const stored = loaded.value.answers.find((a) => a.fieldId === FIELDS.facts.narrative)!;
          expect(stored.value).toBe(value);
          revision = stored.revision;
          confirmed.push(value);
          break;
        }
        if (saved.error.code !== 'SERVER_UNREACHABLE') throw new Error(`${saved.error.code}: ${saved.error.message}`);
        unreachable++;
      }
    }
    expect(killed!.process.signalCode).toBe('SIGKILL');
    // The saves after it went through the other instance.
    const survivor = instances.find((instance) => instance !== killed)!;
    expect(connections.at(-1)).toBe(survivor.port);
    expect(confirmed).toHaveLength(60);
    // Every confirmed save is in the database, once and in order: revisions 1 to 60 in the trail,
    // the last value stored.
    const saves = await zone.owner.query<{ details: string }>(
      "SELECT details_json AS details FROM audit_events WHERE hearing_id = ? AND action = 'answers.saved' ORDER BY seq",
      [hearingId],
    );
    expect(
      saves.map((s) => (JSON.parse(s.details) as { revisions: { revision: number }[] }).revisions[0]!.revision),
    ).toEqual(confirmed.map((_, index) => index + 1));
    const [stored] = await zone.owner.query<{ value_json: string; revision: number }>(
      'SELECT value_json, revision FROM answers WHERE hearing_id = ? AND field_id = ?',
      [hearingId, FIELDS.facts.narrative],
    );
    expect(stored).toEqual({ value_json: JSON.stringify(confirmed.at(-1)), revision: 60 });
    // Still signed in: the session is in the database, not in the instance that died.
    const session = await workstation.call('1', 'session.current', {});
    expect(session).toMatchObject({ ok: true, value: { user: { username: PEOPLE.officer.username } } });
    // At most the save in flight when it died, and the next on its dead connection.
    expect(unreachable).toBeLessThanOrEqual(2);
  });
});
