/**
 * The fake consent page of every provider (Zoom, Google, Microsoft: the `provider` query
 * parameter names it), as a complete HTML document. It stands in for the provider's own
 * page in the popup: Allow, Deny and Cancel post the outcome with the `state` it
 * was given back to the opener, for the opener's origin only, then close the popup.
 * Serve it at the backend's `consentPagePath` (Storybook does, from `.storybook/main.ts`).
 */
export const zoomConsentPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent (mock) — authorise session-links</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f4f6fb; color: #1b2232; }
  main { background: #fff; border-radius: 12px; padding: 28px 32px; max-width: 380px; box-shadow: 0 4px 24px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 8px; }
  .user { font-weight: 600; }
  .actions { display: flex; gap: 8px; margin-top: 20px; }
  button { font: inherit; padding: 8px 16px; border-radius: 8px; border: 1px solid #b8c0d0; background: #fff; cursor: pointer; }
  button.allow { background: #0b5cff; color: #fff; border-color: #0b5cff; }
  button:focus-visible { outline: 3px solid #1b2232; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>Allow session-links to use your <span class="provider">Zoom</span> account?</h1>
  <p>Signed in to <span class="provider">Zoom</span> as <span class="user" id="user"></span>.</p>
  <p>session-links will create a meeting for each online session.</p>
  <div class="actions">
    <button type="button" class="allow" data-outcome="allow">Allow</button>
    <button type="button" data-outcome="deny">Deny</button>
    <button type="button" data-outcome="cancel">Cancel</button>
  </div>
</main>
<script>
  const query = new URLSearchParams(location.search);
  const state = query.get('state') || '';
  const user = query.get('user') || 'someone@zoom.example';
  const provider = { 'google-meet': 'Google', teams: 'Microsoft' }[query.get('provider')] || 'Zoom';
  document.getElementById('user').textContent = user;
  for (const el of document.querySelectorAll('.provider')) el.textContent = provider;
  document.title = provider + ' (mock) — authorise session-links';
  for (const button of document.querySelectorAll('button')) {
    button.addEventListener('click', () => {
      const outcome = button.dataset.outcome;
      const message = { type: 'session-links:connection-callback', outcome, state };
      if (outcome === 'allow') message.code = 'allow:' + user;
      if (window.opener) window.opener.postMessage(message, location.origin);
      window.close();
    });
  }
</script>
</body>
</html>
`;
