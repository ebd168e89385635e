import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from '@staffroom/shared/schemas/accounts';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { PassphraseField } from '../../accounts/components/passphrase-field';
import { privacyApi } from '../api/privacy-api';
import { identityFromPassphrase, WrongPassphrase } from '../model/identity';
import { openExport, type OpenedExport } from '../model/open-export';
import { ExportView } from './export-view';

/**
 * Export my data: the server's JSON of everything that is mine, with my one-to-one conversations and pulse trend
 * opened here with my key (the passphrase unlocks it on this device and is dropped), as a download and a page.
 */
export function ExportData({ me }: { me: Pick<Me, 'pseudonym'> }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<OpenedExport | null>(null);
  const [href, setHref] = useState<string | null>(null);

  useEffect(() => () => void (href && URL.revokeObjectURL(href)), [href]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const identity = passphrase ? await identityFromPassphrase(me.pseudonym, passphrase) : null;
      setPassphrase('');
      const data = await openExport(await privacyApi.export(), identity);
      setOpened(data);
      setHref(URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })));
    } catch (err) {
      setError(
        err instanceof WrongPassphrase
          ? 'That passphrase does not open your key. Nothing was exported.'
          : err instanceof Error
            ? err.message
            : 'The export could not be made. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label="Export my data">
        {error && <Alert>{error}</Alert>}
        <PassphraseField
          label="Your passphrase (to open your private conversations)"
          name="export-passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          hint="Your one-to-one conversations and pulse trend are sealed: they are opened here, on this device. Leave it empty to export them sealed."
        />
        <Button type="submit" busy={busy} busyLabel="Preparing your export…">
          Export my data
        </Button>
      </form>
      {opened && href && (
        <>
          <Status tone="success">
            Your export is ready.{' '}
            <a href={href} download="staffroom-export.json">
              Download it (JSON)
            </a>
          </Status>
          <ExportView data={opened} />
        </>
      )}
    </>
  );
}
