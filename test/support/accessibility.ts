import { source as axeSource } from 'axe-core';
import type { Page } from 'playwright-core';

/*
 * Browser-side checks for the dashboard's accessibility. The page code is passed as strings: the project compiles
 * without the DOM's types.
 */

/** The WCAG 2.1 A and AA rules (DOS-lagen's level); every rule of these tags runs, none is turned off. */
export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/**
 * Runs axe-core (the npm package, injected into the page) on the whole page as it is now: one line per violation
 * and element, so that a failure says what and where; none when the page passes.
 */
export async function axeViolations(page: Page, view: string): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG21_AA }, resultTypes: ['violations'] });
  const violations = (await page.evaluate(`axe.run(document, ${options}).then((r) => r.violations)`)) as AxeViolation[];
  return violations.flatMap((v) => v.nodes.map((n) => `${view}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary}`));
}

/** What has the focus: `#id`, `tile:<figure>`, `category:<key>`, or its tag and text. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    if (e.id) return '#' + e.id;
    if (e.dataset.figure) return 'tile:' + e.dataset.figure;
    if (e.dataset.category) return 'category:' + e.dataset.category;
    return e.tagName.toLowerCase() + ':' + (e.textContent || '').trim().slice(0, 40);
  })()`);
}

/** Presses Tab until `target` (as `focused` names it) has the focus; returns the names passed on the way. */
export async function tabTo(page: Page, target: string, limit = 40): Promise<string[]> {
  const trail: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    trail.push(await focused(page));
    if (trail[trail.length - 1] === target) return trail;
  }
  throw new Error(`${target} not reached in ${limit} presses of Tab: ${trail.join(' → ')}`);
}

/** Whether the focused element shows a focus indicator: an outline of at least 2 px (WCAG 2.4.7). */
export async function focusIndicator(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible' : 'outline ' + s.outlineStyle + ' ' + s.outlineWidth;
  })()`);
}
