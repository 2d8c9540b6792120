import type { Preview } from '@storybook/react-vite';
import { configure } from 'storybook/test';
import '../packages/react/src/styles.css';
import { sessionLinksLoader, withSessionLinks } from './session-links';

// Play functions wait for what the user sees (`findBy…`, `waitFor`). Testing Library gives
// up after 1 s by default, which a busy machine exceeds; wait up to 15 s instead (the
// stories' test timeout is 30 s). A passing wait still returns as soon as the UI is there.
configure({ asyncUtilTimeout: 15_000 });

const preview: Preview = {
  loaders: [sessionLinksLoader],
  decorators: [withSessionLinks],
  globalTypes: {
    locale: {
      description: 'Language of the widgets',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'nl', title: 'Nederlands' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Default stylesheet theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction of the host page',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'story', title: 'As the story says' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    role: {
      description: 'Signed-in user',
      toolbar: {
        title: 'Role',
        icon: 'user',
        items: [
          { value: 'story', title: 'As the story says' },
          { value: 'owner', title: 'Owner' },
          { value: 'staff', title: 'Staff member (Anna)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light', role: 'story', dir: 'story' },
  parameters: {
    layout: 'fullscreen',
    // Every story runs as a browser test; an accessibility violation fails it.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
};
export default preview;
