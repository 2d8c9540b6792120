import {
  CourseLinkEditor,
  CourseLinkEditorCurrent,
  CourseLinkEditorEditButton,
  CourseLinkEditorGate,
  CourseLinkEditorRoot,
  CourseLinkEditorTitle,
  EmailBlockEditor,
  PersonalSessionsAction,
  ProviderPicker,
  ServiceVideoSwitch,
  SessionLinkEditor,
  SessionsOverview,
  StaffAccountEditor,
  useCourseLinkEditor,
} from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { phoneViewport } from '../support/viewport';
import { type HostStylesheet, hostStylesheets } from './stylesheets';

/**
 * The default theme under a host page's own stylesheet: a CSS reset, Bootstrap's reboot,
 * Tailwind's preflight (v3 unlayered, v4 in its `base` layer), the example dashboard's rules
 * and an older theme's generic element rules. Each story renders all seven widgets under one
 * host stylesheet and checks what a user would see: text that reads (axe's colour contrast,
 * run on every story, and the same measure here for every text in a widget, which axe leaves
 * unjudged when text overflows its box), primary buttons with their fill, titles with their weight, no text
 * under 12 px, the e-mail editor's automations in a column of their own, not 60 px slivers side by side.
 */
const meta = {
  title: 'Embedding/Under a host stylesheet',
  parameters: { sessionLinks: { scenario: 'zoom-default' } },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const day = 864e5;
const from = new Date(Date.now() - 14 * day).toISOString();
const to = new Date(Date.now() + 90 * day).toISOString();

const desktopViewport = {
  parameters: {
    viewport: {
      options: { desktop1280: { name: 'Desktop, 1280 × 900', styles: { width: '1280px', height: '900px' }, type: 'desktop' as const } },
    },
  },
  globals: { viewport: { value: 'desktop1280', isRotated: false } },
};

function HostPage({ sheet }: { sheet: HostStylesheet }) {
  return (
    // The dashboard's rules are scoped to its `.app` shell; the others reach the whole page.
    <div className="app">
      <style>{hostStylesheets[sheet]}</style>
      <main style={{ display: 'grid', gap: 16 }}>
        <h1>Host page</h1>
        <PersonalSessionsAction />
        <ProviderPicker headingLevel={2} />
        <StaffAccountEditor headingLevel={2} />
        <SessionLinkEditor sessionId="coaching-chris-1" />
        <CourseLinkEditor serviceId="pottery" />
        <SessionsOverview from={from} to={to} height={420} headingLevel={2} />
        <EmailBlockEditor headingLevel={2} />
        <ServiceVideoSwitch serviceId="yoga" headingLevel={2} />
      </main>
    </div>
  );
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';

type Rgba = [number, number, number, number];
const parseColor = (c: string): Rgba => {
  const [r = 0, g = 0, b = 0, a = 1] = (c.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, c.startsWith('rgba') ? a : 1];
};
/** The colour behind an element: its own and its ancestors' backgrounds, composited over white. */
function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = parseColor(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  return layers.reduceRight<Rgba>(
    (under, [r, g, b, a]) => [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a), 1],
    [255, 255, 255, 1],
  );
}
const luminance = ([r, g, b]: Rgba) => {
  const l = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * l(r) + 0.7152 * l(g) + 0.0722 * l(b);
};
/** WCAG contrast of a text colour (alpha composited over its background) against that background. */
function contrast(fg: Rgba, bg: Rgba): number {
  const [r, g, b, a] = fg;
  const text: Rgba = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a), 1];
  const [hi, lo] = [luminance(text), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** What a user sees of the theme, as a list of problems (empty when the theme holds). */
function themeProblems(desktop: boolean): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent?.trim().slice(0, 30)}"`;
  const inWidgets = [...document.querySelectorAll('.sl-root')].flatMap((root) => [root, ...root.querySelectorAll('*')]).filter(visible);
  const primaries = inWidgets.filter((el) => el.matches('.sl-button[data-variant="primary"]'));
  if (primaries.length === 0) problems.push('no primary button to check');
  for (const b of primaries) {
    const s = getComputedStyle(b);
    if (s.backgroundColor === TRANSPARENT || s.backgroundColor === s.color)
      problems.push(`primary button without its fill: ${describe(b)}`);
  }
  for (const t of inWidgets.filter((el) => el.matches('.sl-title'))) {
    if (Number(getComputedStyle(t).fontWeight) < 600) problems.push(`title without its weight: ${describe(t)}`);
  }
  for (const el of inWidgets) {
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    const size = Number.parseFloat(getComputedStyle(el).fontSize);
    // 0 px is the theme's own way of keeping a name for screen readers only (the overview's
    // link cell at phone width shows the provider's mark).
    if (hasText && size > 0 && size < 12) {
      problems.push(`text under 12 px (${getComputedStyle(el).fontSize}): ${describe(el)}`);
    }
  }
  for (const el of inWidgets) {
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (!hasText || el.closest(':disabled, [aria-disabled="true"]')) continue;
    const ratio = contrast(parseColor(getComputedStyle(el).color), backgroundOf(el));
    if (ratio < 4.5) problems.push(`text at contrast ${ratio.toFixed(2)}:1: ${describe(el)}`);
  }
  const automations = [...document.querySelectorAll('.sl-email-automation')];
  if (automations.length === 0) problems.push('no list of automations');
  for (const a of automations) {
    const width = a.getBoundingClientRect().width;
    if (desktop && width < 160) problems.push(`automation squeezed to ${Math.round(width)} px: ${describe(a)}`);
  }
  // The service switch keeps its drawn track (a host's `button` reset would leave a bare, unsized button).
  for (const sw of inWidgets.filter((el) => el.matches('.sl-switch'))) {
    const s = getComputedStyle(sw);
    const box = sw.getBoundingClientRect();
    if (sw.getAttribute('aria-checked') === 'true' && s.backgroundColor === TRANSPARENT)
      problems.push(`switch without its fill: ${describe(sw)}`);
    if (box.height < 24 || box.width < 40)
      problems.push(`switch at ${Math.round(box.width)}×${Math.round(box.height)} px: ${describe(sw)}`);
  }
  for (const root of document.querySelectorAll('.sl-widget, .sl-picker')) {
    if (root.getBoundingClientRect().right > window.innerWidth + 1) problems.push(`wider than the window: ${describe(root)}`);
  }
  return problems;
}

function underHostStylesheet(sheet: HostStylesheet, viewport: typeof desktopViewport | typeof phoneViewport): Story {
  const desktop = viewport === desktopViewport;
  return {
    ...viewport,
    render: () => <HostPage sheet={sheet} />,
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      // Every widget has loaded its data.
      await canvas.findByRole('heading', { name: 'Anna de Vries' });
      await canvas.findByText(/^Meeting ID \d{11}$/);
      await canvas.findByText('11 sessions');
      await canvas.findByRole('button', { name: /Booking confirmation/ });
      await canvas.findByRole('switch', { name: /Online sessions/ });
      await waitFor(() => expect(canvasElement.querySelector('.sl-course .sl-title')).not.toBeNull());
      await waitFor(() => expect(canvasElement.querySelector('.sl-root[aria-busy="true"]')).toBeNull());
      await expect(themeProblems(desktop)).toEqual([]);
      // The personal-sessions dialog, portalled out of the host's layout, holds too (axe checks it open).
      await userEvent.click(await canvas.findByRole('button', { name: 'Set up personal online sessions' }));
      await within(document.body).findByRole('dialog', { name: 'Set up personal online sessions' });
      await expect(themeProblems(desktop)).toEqual([]);
    },
  };
}

export const ModernReset = underHostStylesheet('Modern CSS reset', desktopViewport);
export const ModernResetPhone = underHostStylesheet('Modern CSS reset', phoneViewport);
export const BootstrapReboot = underHostStylesheet('Bootstrap 5 reboot', desktopViewport);
export const BootstrapRebootPhone = underHostStylesheet('Bootstrap 5 reboot', phoneViewport);
export const Tailwind3Preflight = underHostStylesheet('Tailwind v3 preflight', desktopViewport);
export const Tailwind3PreflightPhone = underHostStylesheet('Tailwind v3 preflight', phoneViewport);
export const Tailwind4Preflight = underHostStylesheet('Tailwind v4 preflight', desktopViewport);
export const Tailwind4PreflightPhone = underHostStylesheet('Tailwind v4 preflight', phoneViewport);
export const ExampleDashboard = underHostStylesheet('Example dashboard', desktopViewport);
export const ExampleDashboardPhone = underHostStylesheet('Example dashboard', phoneViewport);
export const GenericElementRules = underHostStylesheet('Generic element rules', desktopViewport);
export const GenericElementRulesPhone = underHostStylesheet('Generic element rules', phoneViewport);

/**
 * The ways Docs/Theming gives a host to change the theme on purpose, under Tailwind v3's
 * preflight: --sl-* properties on a class of its own, a rule with two classes after the
 * theme, and `data-sl-host` on markup of its own inside a composed widget.
 */
const overrides = `
.brand .sl-root { --sl-color-primary: rgb(91, 33, 182); --sl-radius: 0px; }
.brand .sl-title { font-weight: 800; letter-spacing: 0.02em; }
.host-note { font-style: italic; color: rgb(22, 101, 52); margin-block-end: 12px; }
`;

function BrandedCourse() {
  const course = useCourseLinkEditor({ serviceId: 'pottery', headingLevel: 2 });
  return (
    <CourseLinkEditorRoot value={course}>
      <CourseLinkEditorTitle>Pottery: where clients join</CourseLinkEditorTitle>
      <CourseLinkEditorGate>
        <CourseLinkEditorCurrent>
          <p data-sl-host className="host-note">
            Ask Olivia before you change the room.
          </p>
          <p className="host-note">Not marked: the theme's text.</p>
          <CourseLinkEditorEditButton />
        </CourseLinkEditorCurrent>
      </CourseLinkEditorGate>
    </CourseLinkEditorRoot>
  );
}

export const OverridesOnPurpose: Story = {
  name: 'Overrides on purpose: --sl-* properties, two-class rules, data-sl-host',
  ...desktopViewport,
  render: () => (
    <div className="brand">
      <style>{hostStylesheets['Tailwind v3 preflight'] + overrides}</style>
      <BrandedCourse />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const edit = await canvas.findByRole('button', { name: 'Set a course link' });
    await expect(getComputedStyle(edit).backgroundColor).toBe('rgb(91, 33, 182)');
    await expect(getComputedStyle(edit).borderTopLeftRadius).toBe('0px');
    await expect(getComputedStyle(canvas.getByRole('heading', { name: 'Pottery: where clients join' })).fontWeight).toBe('800');
    const [marked, unmarked] = canvasElement.querySelectorAll('.host-note');
    await expect(getComputedStyle(marked as Element).fontStyle).toBe('italic');
    await expect(getComputedStyle(marked as Element).color).toBe('rgb(22, 101, 52)');
    await expect(getComputedStyle(marked as Element).marginBlockEnd).toBe('12px');
    await expect(getComputedStyle(unmarked as Element).fontStyle).toBe('normal');
  },
};
