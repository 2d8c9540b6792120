import { ProviderPicker } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';

/**
 * R2: the default account can be set from the service form (Locations → Video
 * conferencing) and from the staff page; both edit the same default. Here both sit on
 * one page over one backend: a change in one shows in the other.
 */
function HostPages() {
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))', gap: 24, font: '14px system-ui' }}
    >
      <section aria-labelledby="service-form-title" style={{ border: '1px dashed #98a2b3', borderRadius: 8, padding: 16 }}>
        <h2 id="service-form-title" style={{ fontSize: 16, marginTop: 0 }}>
          Service: Career coaching
        </h2>
        <h3 style={{ fontSize: 14 }}>Locations</h3>
        <ProviderPicker headingLevel={4} />
      </section>
      <section aria-labelledby="staff-page-title" style={{ border: '1px dashed #98a2b3', borderRadius: 8, padding: 16 }}>
        <h2 id="staff-page-title" style={{ fontSize: 16, marginTop: 0 }}>
          Staff
        </h2>
        <ProviderPicker headingLevel={3} />
      </section>
    </div>
  );
}

const meta = {
  title: 'Embedding/Service form and staff page',
  component: HostPages,
  parameters: { sessionLinks: { scenario: 'no-default' } },
} satisfies Meta<typeof HostPages>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SameDefaultInBothPlaces: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const serviceForm = within(canvas.getByRole('region', { name: 'Service: Career coaching' }));
    const staffPage = within(canvas.getByRole('region', { name: 'Staff' }));
    await userEvent.click(await serviceForm.findByRole('button', { name: /Custom link/ }));
    await userEvent.type(serviceForm.getByRole('textbox', { name: 'Link' }), 'https://join.skype.com/studio');
    await userEvent.click(serviceForm.getByRole('button', { name: 'Connect' }));
    await expect(await serviceForm.findByText('The default account is saved.')).toBeVisible();
    // The staff page shows the same default without a reload.
    await expect(await staffPage.findByText('Skype link')).toBeVisible();
  },
};
