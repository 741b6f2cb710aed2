import type { Locator, Page } from 'playwright-core';

/** "Saved" is shown only after main confirmed the durable write. */
export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor();
  // A text field saves after a short pause: wait until nothing is pending any more.
  await page.waitForFunction(
    () => document.querySelector('[data-save-state]')?.getAttribute('data-save-state') === 'saved',
  );
}

/** A hearing on screen: its steps' navigation, its questions, its save state. */
export class HearingPage {
  constructor(readonly page: Page) {}

  /** From "My hearings": a new hearing, open at its set-up step; returns its id. */
  async create(): Promise<string> {
    await this.page.getByRole('button', { name: 'Nouvelle audition' }).click();
    await this.page.getByRole('heading', { name: 'Préparation' }).waitFor();
    return this.id();
  }

  /** The id of the hearing in the address. */
  id(): string {
    return /#\/hearing\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  /** A step's link in the steps' navigation, by its French title. */
  step(name: string) {
    return this.page.getByRole('navigation', { name: "Étapes de l'audition" }).getByRole('link', { name, exact: true });
  }

  /** A step by its form id, whatever the interface language; with `firstField`, once that question is on screen. */
  async open(formId: string, firstField?: string): Promise<void> {
    await this.page.locator(`nav.steps a[href$="/${formId}"]`).click();
    if (firstField) await this.page.locator(`input[name="${firstField}"]`).first().waitFor();
  }

  /** The names of the step's radio questions that offer `value`. */
  questionsOffering(value: string): Promise<string[]> {
    return this.page
      .locator(`.step-form input[type=radio][value=${value}]`)
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
  }

  /** A question with options, or a repeated item, by its accessible name. */
  group(name: string) {
    return this.page.getByRole('group', { name, exact: true });
  }

  /** What the steps' navigation says of a step ("Complet", "1 à compléter"). */
  stepState(name: string) {
    return this.page.locator('.steps li', { hasText: name }).locator('.step-state');
  }

  waitForSaved(): Promise<void> {
    return waitForSaved(this.page);
  }
}

/** A stored ISO day as the date fields show and take it: dd/mm/yyyy, whatever the browser's locale. */
export function dayAsTyped(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** A date field (a text input typed dd/mm/yyyy): what it shows, read back as an ISO day. */
export async function dateFieldValue(field: Locator): Promise<string> {
  const shown = await field.inputValue();
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(shown);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : shown;
}

/** Types an ISO day into a date field, as she would: dd/mm/yyyy. */
export async function fillDate(field: Locator, iso: string): Promise<void> {
  await field.fill(dayAsTyped(iso));
}

/** Closing, past the confirmation that says what closing does. */
export async function closeHearing(page: Page): Promise<void> {
  const closing = page.getByRole('region', { name: "Clôture de l'audition" });
  await closing.getByRole('button', { name: "Clôturer l'audition" }).click();
  await page
    .getByRole('alertdialog', { name: "Clôturer l'audition ?" })
    .getByRole('button', { name: "Clôturer l'audition" })
    .click();
}
