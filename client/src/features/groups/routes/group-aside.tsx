import type { ReactNode } from 'react';
import type { GroupDetail } from '@staffroom/shared/schemas/groups';
import { GroupSessions } from '../components/group-sessions';
import { GroupSettings } from '../components/group-settings';
import { isCoordinator, type Viewer } from '../model/viewer';

/** Beside the conversation: sessions, guidelines, your membership, and coordinator tools. */
export function GroupAside({
  id,
  group,
  viewer,
  onGroupChange,
  refresh,
  showGuidelines = true,
  children,
}: {
  id?: string;
  group: GroupDetail;
  viewer: Viewer;
  onGroupChange: (group: GroupDetail) => void;
  refresh: () => void;
  showGuidelines?: boolean;
  children?: ReactNode;
}) {
  const coordinator = isCoordinator(viewer);
  return (
    <aside id={id} className="room-aside" aria-label="About this group">
      <GroupSessions group={group} manage={coordinator} hostName={viewer.pseudonym} onChanged={refresh} />
      {showGuidelines && (
        <section className="side-section" aria-labelledby="guidelines-title">
          <h2 id="guidelines-title" className="side-section__title">
            Guidelines
          </h2>
          <details className="disclosure">
            <summary className="disclosure__summary">Read the group’s guidelines</summary>
            <div className="disclosure__body guidelines">{group.guidelines}</div>
          </details>
        </section>
      )}
      {children}
      {coordinator && <GroupSettings group={group} onSaved={onGroupChange} />}
    </aside>
  );
}
