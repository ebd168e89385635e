import type { ReactNode } from 'react';

/**
 * The header row of a moderation table (members, bans, the audit log). The roles are spelled out: the tables are
 * restyled as cards on narrow screens, which drops the implicit ones in some browsers.
 */
export function ModTableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead role="rowgroup">
      <tr role="row">
        {columns.map((column, i) => (
          <th key={i} role="columnheader" scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
