import { en, nl } from '@session-links/react';
import { describe, expect, it } from 'vitest';

// The Dutch strings follow the seed article's wording, and one term per thing throughout.
describe('Dutch terms', () => {
  const dutch = Object.entries(nl) as [string, string][];

  it('a provider’s meeting is always "{provider}-meeting" (Zoom-meeting), never "Zoom-vergadering"', () => {
    expect(dutch.filter(([, text]) => /vergadering/i.test(text))).toEqual([]);
    expect(dutch.some(([, text]) => text.includes('{provider}-meeting'))).toBe(true);
  });

  it('a staff member’s own account is an "individueel account", as in "Individueel account toevoegen"', () => {
    expect(nl['staff.add' as keyof typeof nl]).toBe('Individueel account toevoegen');
    expect(en['staff.add' as keyof typeof en]).toBe('Add individual account');
    // The owner's texts about a staff member's account never call it "eigen" (that word is for "your own").
    const owners = dutch.filter(([key]) => key.startsWith('staff.') && !key.startsWith('staff.self.'));
    expect(owners.filter(([, text]) => /^Eigen account/.test(text))).toEqual([]);
  });

  it('the business’s site is a "website" (as in the seed article: "Upgrade je website"), never "de site"', () => {
    expect(dutch.filter(([, text]) => /\bsite\b/i.test(text))).toEqual([]);
    expect(dutch.some(([, text]) => text.includes('website'))).toBe(true);
  });
});
