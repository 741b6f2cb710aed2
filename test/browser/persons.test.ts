import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOfPage, signedIn } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { fillDate, waitForSaved } from './pages/hearing';

/**
 * Issue 16, item 2, on screen: a second complaint, taken by another officer, finds the victim and
 * the suspect of the first under the people step; she confirms one, declines the other; nothing
 * is linked before she does. In room mode the proposals stay collapsed and nothing is searched.
 * Every person here is invented.
 */
const UNIT = 'Brigade Personnes (fictive)';
const FIRST = account('officer', 'persons.first', 'Nora Première');
const SECOND = account('officer', 'persons.second', 'Tom Second');
const SUPERVISOR = account('supervisor', 'persons.supervisor', 'Sara Superviseure');

type Catalog = {
  persons: Record<'show' | 'confirm' | 'decline' | 'none' | 'notLinked' | 'undo' | 'undoConfirm', string> & {
    reason: { names: string };
  };
};
const texts = (JSON.parse(fs.readFileSync('forms/catalogs/officer/fr.json', 'utf8')) as Catalog).persons;

describe('persons of earlier hearings in the people step', () => {
  const app = useBrowserHost({ name: 'persons', units: [UNIT], users: [FIRST, SECOND, SUPERVISOR], signInAs: null });

  it('proposes the first complaint’s victim and suspect to the second officer, links the one she confirms, never the one she declines', async () => {
    // Complaint 1, by the first officer, through the API: the people step, then a search that makes its persons.
    const first = await app.newPage({ locale: 'fr-BE', viewport: { width: 1366, height: 768 } });
    await signedIn(first, app.origin, FIRST);
    const firstApi = apiOfPage(first);
    const complaint1 = (await firstApi('hearings.create', {})).hearing.id;
    const people = (changes: Record<string, string>) =>
      Object.entries(changes).map(([fieldId, value]) => ({ fieldId, value, baseRevision: 0 }));
    await firstApi('hearings.saveAnswers', {
      hearingId: complaint1,
      formId: 'people',
      changes: people({
        victimSurname: 'Lemaître',
        victimFirstNames: 'Héloïse Marie',
        victimBirthDate: '1991-03-08',
        suspectSurname: 'Vandamme',
        suspectFirstNames: 'Kevin',
        suspectBirthDate: '1988-11-20',
      }),
    });
    for (const role of ['victim', 'suspect'] as const)
      expect((await firstApi('persons.candidates', { hearingId: complaint1, role })).candidates).toEqual([]);

    // Complaint 2, by the second officer, on screen.
    const page = await app.newPage({ locale: 'fr-BE', viewport: { width: 1366, height: 768 } });
    await signedIn(page, app.origin, SECOND);
    const api = apiOfPage(page);
    const complaint2 = (await api('hearings.create', {})).hearing.id;
    await app.goto(`hearing/${complaint2}/people`, page);
    const panel = page.locator('.persons-panel');
    await panel.waitFor();
    // Room mode: collapsed, and nothing searched until she opens it.
    const reveal = panel.getByRole('button', { name: texts.show });
    expect(await reveal.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.locator('.person-proposals').count()).toBe(0);

    // Her names as this officer types them: no accents, first names in the other order.
    await page.locator('[data-field="victimSurname"] input').pressSequentially('Lemaitre');
    await page.locator('[data-field="victimFirstNames"] input').pressSequentially('Marie Heloise');
    await fillDate(page.locator('[data-field="victimBirthDate"] input'), '1991-03-08');
    await page.locator('[data-field="suspectSurname"] input').pressSequentially('Van Damme');
    await page.locator('[data-field="suspectFirstNames"] input').pressSequentially('Kevin');
    await waitForSaved(page);
    await reveal.click();

    const victim = panel.locator('[data-role="victim"]');
    const suspect = panel.locator('[data-role="suspect"]');
    const victimCandidate = victim.locator('.person-candidates li');
    await victimCandidate.first().waitFor();
    expect(await victimCandidate.count()).toBe(1);
    // Only what identifies: her names as the first complaint recorded them, her birth date, its date.
    const shown = await victimCandidate.first().innerText();
    expect(shown).toContain('Lemaître');
    expect(shown).toContain('Héloïse Marie');
    expect(shown).toContain('8 mars 1991');
    expect(shown).toContain(texts.reason.names);
    await suspect.locator('.person-candidates li').first().waitFor();
    expect(await suspect.locator('.person-candidates li').first().innerText()).toContain('Vandamme');
    await expectAccessible(page, 'people step with persons proposed');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(os.tmpdir(), 'hd16-persons-proposed-fr.png') });

    // Nothing is linked before she confirms.
    const links = async () => (await api('persons.links', { hearingId: complaint2 })).links;
    expect(await links()).toEqual([]);
    await victimCandidate.first().getByRole('button', { name: texts.confirm }).click();
    await victim.locator('.person-linked').waitFor();
    expect(await victim.locator('.person-candidates li').count()).toBe(0);
    expect(await links()).toMatchObject([
      { role: 'victim', person: { surname: 'Lemaître', firstNames: 'Héloïse Marie', birthDate: '1991-03-08' } },
    ]);

    // The suspect she declines is not proposed again, now or after a reload.
    await suspect.locator('.person-candidates li').first().getByRole('button', { name: texts.decline }).click();
    await suspect.getByText(texts.none).waitFor();
    await page.reload();
    await page.locator('.persons-panel').getByRole('button', { name: texts.show }).click();
    await page.locator('[data-role="victim"] .person-linked').waitFor();
    await page.locator('[data-role="suspect"]').getByText(texts.none).waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'hd16-persons-linked-fr.png') });
    expect((await links()).map((l) => l.role)).toEqual(['victim']);

    // The unit's supervisor finds the link wrong and undoes it, saying why; the reason is required.
    const supervisor = await app.newPage({ locale: 'fr-BE', viewport: { width: 1366, height: 768 } });
    await signedIn(supervisor, app.origin, SUPERVISOR);
    await app.goto(`hearing/${complaint2}/people`, supervisor);
    await supervisor.locator('.persons-panel').getByRole('button', { name: texts.show }).click();
    const reviewed = supervisor.locator('[data-role="victim"]');
    await reviewed.locator('.person-linked').waitFor();
    expect(await supervisor.locator('[data-role="suspect"]').innerText()).toContain(texts.notLinked);
    await reviewed.getByRole('button', { name: texts.undo }).click();
    await reviewed.getByRole('button', { name: texts.undoConfirm }).click();
    expect(await reviewed.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    expect(await links()).toHaveLength(1);
    await reviewed.locator('textarea').fill('Homonyme : une autre personne, née le même jour (inventé).');
    await expectAccessible(supervisor, 'a supervisor undoing a link');
    await reviewed.getByRole('button', { name: texts.undoConfirm }).click();
    await reviewed.getByText(texts.notLinked).waitFor();
    await supervisor.screenshot({ path: path.join(os.tmpdir(), 'hd16-persons-undone-fr.png') });
    expect(await links()).toEqual([]);
    // The officer's panel: the person is not proposed to this hearing again.
    await page.reload();
    await page.locator('.persons-panel').getByRole('button', { name: texts.show }).click();
    await page.locator('[data-role="victim"]').getByText(texts.none).waitFor();
    await first.context().close();
    await page.context().close();
    await supervisor.context().close();
  });
});
