import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { SETUP_LINKS } from '../setup-links';
import { StarterGroups } from '../../features/groups/components/starter-groups';
import { CrisisContactsEditor } from '../../features/setup/components/crisis-contacts-editor';
import { SetupChecklist, useSetupState } from '../../features/setup/components/setup-checklist';
import { Alert, Status } from '../../components/alert';
import { useResource } from '../../lib/use-resource';
import { setupApi } from '../../features/setup/api/setup-api';

/** `/setup` (coordinators): the first-run checklist, starter groups from the seed topics, and the crisis contacts. */
export function SetupPage() {
  const { state, error, reload } = useSetupState();
  const { hash } = useLocation();

  // "#crisis-contacts" from the checklist or the home page: bring that section into view and focus it.
  useEffect(() => {
    const target = hash ? document.getElementById(hash.slice(1)) : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash, state]);

  return (
    <>
      <PageTitle documentTitle="Getting started">Getting started</PageTitle>
      <p className="lead">
        Four steps turn this install into a running programme. Everything here can be changed later.
      </p>
      {error && <Alert>{error}</Alert>}
      {state ? (
        <SetupChecklist state={state} links={SETUP_LINKS} />
      ) : (
        !error && <p className="loading">Checking…</p>
      )}

      <section className="section panel" id="starter-groups" tabIndex={-1} aria-labelledby="starter-title">
        <h2 id="starter-title">Starter groups</h2>
        <p>
          Groups from the topics peer support programmes start with. Each comes with a description and
          guidelines; edit them from the group’s page afterwards.
        </p>
        <StarterGroupsLoader onCreated={reload} />
      </section>

      <section className="section panel" id="crisis-contacts" tabIndex={-1} aria-labelledby="crisis-title">
        <h2 id="crisis-title">Crisis contacts</h2>
        <CrisisContactsEditor onSaved={reload} />
      </section>
    </>
  );
}

function StarterGroupsLoader({ onCreated }: { onCreated: () => void }) {
  const { data: groups, error, reload } = useResource(setupApi.groups);
  const [done, setDone] = useState<string | null>(null);
  if (error) return <Alert>{error}</Alert>;
  if (!groups) return <p className="loading">Loading the groups…</p>;
  return (
    <>
      {done && <Status tone="success">{done}</Status>}
      <StarterGroups
        existingNames={groups.map((g) => g.name)}
        key={groups.length}
        onCreated={(created) => {
          setDone(created === 1 ? 'One group was created.' : `${created} groups were created.`);
          reload();
          onCreated();
        }}
      />
    </>
  );
}
