/**
 * A 320 × 640 phone for a story run as a test (addon-vitest sets the browser's viewport from
 * `globals.viewport`) and in the Storybook toolbar. Spread both into a story.
 */
export const phoneViewport = {
  parameters: {
    viewport: { options: { phone320: { name: 'Phone, 320 × 640', styles: { width: '320px', height: '640px' }, type: 'mobile' as const } } },
  },
  globals: { viewport: { value: 'phone320', isRotated: false } },
};
