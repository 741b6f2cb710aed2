import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** No accessibility violations on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // In Electron axe cannot open its helper page; its legacy mode runs inside the page itself.
  const inElectron = page.context().browser() === null;
  const results = await new AxeBuilder({ page }).setLegacyMode(inElectron).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, screen).toEqual([]);
}
