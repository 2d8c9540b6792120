import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';

// R29 in the mocks: the server's own notices over the memory store, delivered by the server's
// delivery run through the mocks' in-memory transport, as Storybook and a host's tests see them.

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => stop?.());

function start(options: { noticeDelayMs?: number } = {}) {
  const { backend, server } = setupMockApi('zoom-default', { baseUrl, ...options });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => {
    backend.stopDelivery();
    server.close();
  };
  return { backend, client: createClient({ baseUrl, siteId: MAIN_SITE }) };
}

describe('notices in the mocks', () => {
  it("a course link tells the course's two booked clients: pending, then sent through the in-memory transport", async () => {
    const { backend, client } = start();
    await client.setCourseLink('pottery', { link: { url: 'https://whereby.com/pottery' }, version: 0 });

    const before = await client.listNotices({ serviceId: 'pottery' });
    expect(before.summary).toEqual({ total: 2, sent: 0, pending: 2, failed: 0, held: 0 });
    expect(before.notices.map((n) => [n.clientName, n.kind]).sort()).toEqual([
      ['Carla Smit', 'course-changed'],
      ['Finn de Boer', 'course-changed'],
    ]);

    await backend.runDelivery();
    const after = await client.listNotices({ serviceId: 'pottery' });
    expect(after.summary).toEqual({ total: 2, sent: 2, pending: 0, failed: 0, held: 0 });
    expect(backend.delivered.map((d) => d.notice.client.email).sort()).toEqual(['carla@clients.example', 'finn@clients.example']);
    expect(backend.delivered[0]?.message.text).toContain('https://whereby.com/pottery');
  });

  it('with noticeDelayMs the delivery runs by itself after the write, as the real worker does', async () => {
    const { client } = start({ noticeDelayMs: 20 });
    await client.setCourseLink('pottery', { link: { url: 'https://whereby.com/pottery' }, version: 0 });
    const deadline = Date.now() + 5_000;
    let summary = (await client.listNotices({ serviceId: 'pottery' })).summary;
    while (summary.sent < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      summary = (await client.listNotices({ serviceId: 'pottery' })).summary;
    }
    expect(summary).toMatchObject({ total: 2, sent: 2 });
  });

  it('a refused address fails for good with a short reason; "send" tries it again', async () => {
    const { backend, client } = start();
    backend.refuseNoticesTo('finn@clients.example');
    await client.setCourseLink('pottery', { link: { url: 'https://whereby.com/pottery' }, version: 0 });
    await backend.runDelivery();

    const list = await client.listNotices({ serviceId: 'pottery' });
    expect(list.summary).toEqual({ total: 2, sent: 1, pending: 0, failed: 1, held: 0 });
    const failed = list.notices.find((n) => n.status === 'failed');
    expect(failed).toMatchObject({ clientName: 'Finn de Boer', error: 'address refused', sentAt: null });

    expect(await client.sendNotices({ ids: [failed?.id as string] })).toEqual({ queued: 1 });
    expect((await client.listNotices({ serviceId: 'pottery' })).summary).toMatchObject({ pending: 1, failed: 0 });
  });

  it('"let me review first" holds the notices until the owner sends them', async () => {
    const { backend, client } = start();
    const settings = await client.setNoticePolicy({ policy: 'review', version: (await client.getSettings()).version });
    expect(settings.notices).toBe('review');
    await client.setCourseLink('pottery', { link: { url: 'https://whereby.com/pottery' }, version: 0 });
    await backend.runDelivery();
    const held = await client.listNotices({ serviceId: 'pottery' });
    expect(held.summary).toMatchObject({ total: 2, held: 2, sent: 0 });
    expect(backend.delivered).toEqual([]);

    expect(await client.sendNotices({ ids: held.notices.map((n) => n.id) })).toEqual({ queued: 2 });
    await backend.runDelivery();
    expect((await client.listNotices({ serviceId: 'pottery' })).summary).toMatchObject({ sent: 2, held: 0 });
  });
});
