import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, staff, text } from '../../testing/fixtures.js';
import './recording-export.js';
import type { SightlineAdminRecordingExport } from './recording-export.component.js';

type Picker = ((options: unknown) => Promise<FileSystemFileHandle>) | undefined;
const w = window as unknown as { showSaveFilePicker: Picker };
const original = w.showSaveFilePicker;

afterEach(() => {
  w.showSaveFilePicker = original;
  destroyInstances();
});

/** The OS save dialog (outside the product) answered with a file of the origin's private file system. */
async function pickInto(name: string): Promise<FileSystemFileHandle> {
  const handle = await (await navigator.storage.getDirectory()).getFileHandle(name, { create: true });
  w.showSaveFilePicker = async () => handle;
  return handle;
}

describe('<sightline-admin-recording-export> (MC-11)', () => {
  it('streams the ZIP with its manifest into the file picked in the save dialog — dialog replaced by a private-file-system handle', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminRecordingExport>(
      html`<sightline-admin-recording-export .sightline=${manager}></sightline-admin-recording-export>`,
    );
    await waitUntil(
      () => (el.shadowRoot?.querySelectorAll('#export-portal option').length ?? 0) > 1,
      'portals not loaded',
      { timeout: 10_000 },
    );
    await expect(el).shadowDom.to.be.accessible();
    const handle = await pickInto('export-test.zip');
    $<HTMLButtonElement>(el, '[data-action="export"]')!.click();
    await waitUntil(() => text(el).includes('Exported'), 'not exported', { timeout: 20_000 });
    const file = await handle.getFile();
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A ZIP (local file header) that holds the manifest.
    expect(Array.from(bytes.subarray(0, 4))).to.deep.equal([0x50, 0x4b, 0x03, 0x04]);
    expect(new TextDecoder().decode(bytes)).to.include('manifest.json');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('refuses a range that ends before it starts, says why and exports nothing', async () => {
    const agent = await staff();
    const el = await fixture<SightlineAdminRecordingExport>(
      html`<sightline-admin-recording-export lang="de" .sightline=${agent}></sightline-admin-recording-export>`,
    );
    let asked = 0;
    w.showSaveFilePicker = async () => {
      asked++;
      throw new DOMException('cancelled', 'AbortError');
    };
    const from = $<HTMLInputElement>(el, '#export-from')!;
    from.value = '2026-12-31';
    from.dispatchEvent(new Event('input'));
    const to = $<HTMLInputElement>(el, '#export-to')!;
    to.value = '2026-01-01';
    to.dispatchEvent(new Event('input'));
    await el.export();
    expect(text(el)).to.include('Startdatum');
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot?.activeElement).to.equal(from);
    expect(asked).to.equal(0);
    await expect(el).shadowDom.to.be.accessible();
  });
});
