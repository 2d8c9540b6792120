// The mocks' fake Zoom consent page, served in development only (Zoom's own page in production).
export async function GET() {
  if (process.env.NODE_ENV === 'development') {
    const { zoomConsentPageHtml } = await import('@session-links/mocks');
    return new Response(zoomConsentPageHtml, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
  return new Response('Not found', { status: 404 });
}
