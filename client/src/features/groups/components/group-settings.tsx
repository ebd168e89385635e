import type { GroupDetail } from '@staffroom/shared/schemas/groups';
import { CopyButton } from '../../../components/copy-button';
import { paths } from '../../../config/paths';
import { groupsApi } from '../api/groups-api';
import { GroupForm } from './group-form';

/** Coordinators: edit the group, and for an invite-only group, the code that lets people in. */
export function GroupSettings({
  group,
  onSaved,
}: {
  group: GroupDetail;
  onSaved: (group: GroupDetail) => void;
}) {
  const joinLink = group.joinCode ? `${location.origin}${paths.joinGroup.getHref(group.joinCode)}` : null;
  return (
    <section className="side-section" aria-labelledby="settings-title">
      <h2 id="settings-title" className="side-section__title">
        Coordinator tools
      </h2>
      {group.visibility === 'invite-only' && joinLink && (
        <div className="join-code">
          <p className="join-code__label">Join link for this invite-only group</p>
          <p className="join-code__value">{joinLink}</p>
          <CopyButton text={joinLink} label="Copy join link" />
        </div>
      )}
      <details className="disclosure">
        <summary className="disclosure__summary">Edit this group</summary>
        <div className="disclosure__body">
          <GroupForm
            group={group}
            submitLabel="Save changes"
            busyLabel="Saving…"
            onSubmit={async (body) => {
              const { group: saved } = await groupsApi.update(group.id, body);
              onSaved(saved);
            }}
          />
        </div>
      </details>
    </section>
  );
}
