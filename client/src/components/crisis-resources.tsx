import type { SupportResource } from '@staffroom/shared/schemas/messages';
import './crisis-resources.css';

/**
 * Where to find help right now, with tap-to-call and tap-to-text links where the deployment gave a number. The
 * numbers and links come from configuration (checked by the shared schema to be digits or https), never from a
 * member's text.
 */
export function CrisisResources({ resources }: { resources: readonly SupportResource[] }) {
  return (
    <ul className="resources">
      {resources.map((r) => (
        <li key={`${r.name}-${r.contact}`} className="resource">
          <p className="resource__name">{r.name}</p>
          <p className="resource__contact">
            {r.contact} {r.hours && <span className="resource__hours">· {r.hours}</span>}
          </p>
          {(r.call || r.text || r.url) && (
            <p className="resource__actions">
              {r.call && (
                <a className="resource__action" href={`tel:${r.call}`}>
                  Call {r.call}
                  <span className="visually-hidden">, {r.name}</span>
                </a>
              )}
              {r.text && (
                <a className="resource__action" href={`sms:${r.text}`}>
                  Text {r.text}
                  <span className="visually-hidden">, {r.name}</span>
                </a>
              )}
              {r.url && (
                <a className="resource__action" href={r.url} target="_blank" rel="noopener noreferrer">
                  Website<span className="visually-hidden">, {r.name} (opens in a new tab)</span>
                </a>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
