/**
 * The button that opened the menu `item` is in (WAI-ARIA menu button: it controls the
 * menu, or the menu is labelled by it), or null when `item` is not in a menu. A dialog
 * opened from a menu item returns focus here: the item itself is gone once the menu closes.
 */
export function menuTriggerOf(item: Element): HTMLElement | null {
  const menu = item.closest<HTMLElement>('[role="menu"]');
  if (!menu) return null;
  const doc = item.ownerDocument;
  const byControls = menu.id ? doc.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`) : null;
  if (byControls) return byControls;
  const labelledBy = menu.getAttribute('aria-labelledby');
  return labelledBy ? doc.getElementById(labelledBy) : null;
}
