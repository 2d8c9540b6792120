import type { Notice } from './outbox';
import type { RenderedNotice } from './transports/transport';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * A plain English notice, until the site's "booking changed" / "course changed" templates are
 * rendered here (R28): what the CLI's delivery worker sends when the host passes no renderer.
 */
export function plainNoticeRender(notice: Notice): RenderedNotice {
  const what = notice.kind === 'course-changed' ? 'Your course has a new online link' : 'Your session has a new online link';
  const link = notice.newLink ?? 'This session no longer takes place online.';
  return {
    subject: what,
    text: `Hello ${notice.client.name},\n\n${what}:\n${link}\n`,
    html: `<p>Hello ${escapeHtml(notice.client.name)},</p><p>${what}:<br>${
      notice.newLink ? `<a href="${escapeHtml(notice.newLink)}">${escapeHtml(notice.newLink)}</a>` : escapeHtml(link)
    }</p>`,
  };
}
