import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/providers/gateway';
import { createFakeGoogleGateway, fakeGoogleMeetingFor } from '../../src/testing';

// The in-process Google Meet the mocks and Storybook use: deterministic, and Google's rules where they show.

const input = { key: 'acc-1:sess-1', topic: 'Yoga', start: '2026-12-01T09:00:00.000Z', durationMinutes: 60 };

describe('in-process fake Google Meet', () => {
  it('derives one Meet link per key, Google-shaped, with no start link or passcode', () => {
    const meeting = fakeGoogleMeetingFor(input.key);
    expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(meeting.id).toMatch(/^[a-v0-9]{5,}$/);
    expect(meeting).toMatchObject({ startUrl: null, password: null });
    expect(fakeGoogleMeetingFor(input.key)).toEqual(meeting);
    expect(fakeGoogleMeetingFor('acc-1:sess-2').joinUrl).not.toBe(meeting.joinUrl);
  });

  it('connects with an allow code, refuses anything else, and refreshes without rotating', async () => {
    const google = createFakeGoogleGateway();
    await expect(google.exchangeCode({ code: 'deny', codeVerifier: 'v' })).rejects.toMatchObject({ kind: 'denied' });
    const tokens = await google.exchangeCode({ code: 'allow:anna@gmail.example', codeVerifier: 'v' });
    expect((await google.refresh(tokens.refreshToken)).refreshToken).toBe(tokens.refreshToken);
    expect(await google.getUser(tokens.accessToken)).toMatchObject({ email: 'anna@gmail.example', id: expect.stringMatching(/^\d{21}$/) });
    const error = await google.refresh('stolen').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'invalid_grant' });
  });

  it('can answer a new meeting pending first, then with its link; a second create makes no second meeting', async () => {
    const google = createFakeGoogleGateway({ pendingReads: 1 });
    const created = await google.createMeeting('t', input);
    expect(created).toMatchObject({ joinUrl: null, pending: true });
    expect(await google.createMeeting('t', input)).toMatchObject({ id: created.id, pending: true });
    expect(await google.findMeeting('t', { key: input.key, start: input.start, meetingId: created.id })).toMatchObject({ pending: true });
    expect(await google.findMeeting('t', { key: input.key, start: input.start })).toMatchObject({
      id: created.id,
      joinUrl: fakeGoogleMeetingFor(input.key).joinUrl,
    });
    await google.deleteMeeting('t', created.id);
    expect(await google.findMeeting('t', { key: input.key, start: input.start })).toBeNull();
  });
});
