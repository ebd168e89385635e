import { useRef } from 'react';
import type { BanRow } from '@staffroom/shared/schemas/moderation';
import { Button } from '../../../components/button';
import { formatDateTime } from '../../../utils/format';
import { moderationApi } from '../api/moderation-api';
import { ActionDialog } from './action-dialog';
import type { GroupTools } from './group-context';
import { ModTableHead } from './mod-table-head';

/**
 * Active bans, each with "Lift ban" (asks for a reason): the group's, or for a coordinator (`fromStaffroom`) only
 * the bans from Staffroom, the only ones they are told about.
 */
export function BansTable({
  tools,
  bans,
  fromStaffroom = false,
}: {
  tools: GroupTools;
  bans: readonly BanRow[];
  fromStaffroom?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const lift = (b: BanRow) =>
    tools.ask((close) => (
      <ActionDialog
        title={`Lift the ban on ${b.name}?`}
        description={
          <p>
            {fromStaffroom ? 'They can use Staffroom' : `They can join ${tools.groupName}`} again at once. The
            ban stays in the audit log.
          </p>
        }
        tone="primary"
        confirmLabel="Lift ban"
        busyLabel="Lifting…"
        fallbackFocus={() => heading.current}
        onConfirm={async (reason) => {
          await moderationApi.unban(b.id, reason);
          tools.done(`The ban on ${b.name} was lifted.`);
        }}
        onClose={close}
      />
    ));
  return (
    <section className="mod-panel" aria-labelledby="bans-title">
      <h3 id="bans-title" ref={heading} tabIndex={-1}>
        {fromStaffroom ? 'Bans from Staffroom' : 'Bans'} <span className="mod-count">({bans.length})</span>
      </h3>
      {bans.length === 0 ? (
        <p className="empty">
          {fromStaffroom ? 'Nobody is banned from Staffroom.' : 'Nobody is banned from this group.'}
        </p>
      ) : (
        <table className="mod-table" role="table">
          <caption className="visually-hidden">
            {fromStaffroom ? 'Active bans from Staffroom' : `Active bans in ${tools.groupName}`}
          </caption>
          <ModTableHead
            columns={['Member', 'Until', 'Reason', 'Since', <span className="visually-hidden">Actions</span>]}
          />
          <tbody role="rowgroup">
            {bans.map((b) => (
              <tr key={b.id} role="row">
                <th role="rowheader" scope="row" data-label="Member" className="mod-table__name">
                  {b.name}
                </th>
                <td role="cell" data-label="Until">
                  {b.until === null ? 'Permanent' : formatDateTime(b.until)}
                </td>
                <td role="cell" data-label="Reason" className="mod-table__reason">
                  {b.reason}
                </td>
                <td role="cell" data-label="Since">
                  {formatDateTime(b.at)}
                </td>
                <td role="cell" data-label="Actions">
                  <Button variant="secondary" onClick={() => lift(b)}>
                    Lift ban<span className="visually-hidden"> on {b.name}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
