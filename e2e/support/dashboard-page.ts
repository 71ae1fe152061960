import { expect, type Locator, type Page } from '@playwright/test';

import { ADMIN } from './environment';

/** Page object of the app as an admin uses it: sign-in, the item picker and the status cards. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
  }

  /** Opens the app (unless `open` is false) and signs in through the emulator's sign-in page. */
  async signIn(account: { name: string; username: string } = ADMIN, { open = true, query = '' } = {}): Promise<void> {
    if (open) {
      await this.open(query);
    }
    await this.page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await this.page.getByRole('button', { name: new RegExp(account.name) }).click();
    await expect(this.signedInAs(account.name)).toBeVisible();
  }

  signedInAs(name: string): Locator {
    return this.page.getByText(`Signed in as ${name}`);
  }

  pickerToggle(): Locator {
    return this.page.getByText(/^Choose what to watch/);
  }

  async openPicker(): Promise<void> {
    const panel = this.page.locator('details.picker-panel');
    if ((await panel.getAttribute('open')) === null) {
      await this.pickerToggle().click();
    }
  }

  itemCheckbox(name: string): Locator {
    return this.page.getByRole('checkbox', { name, exact: true });
  }

  async watch(...names: string[]): Promise<void> {
    await this.openPicker();
    for (const name of names) {
      await this.itemCheckbox(name).check();
    }
  }

  card(name: string): Locator {
    return this.page.getByRole('article', { name });
  }

  cards(): Locator {
    return this.page.locator('.status-board > article');
  }

  refreshButton(): Locator {
    return this.page.getByRole('button', { name: 'Refresh now' });
  }
}
