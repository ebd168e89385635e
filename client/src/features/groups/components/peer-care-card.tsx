import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { CrisisResources } from '../../../components/crisis-resources';

/**
 * Pinned by the group's moderators when a member may be struggling: how peers can respond to a colleague in
 * distress, and where to find help now. It names nobody.
 */
export function PeerCareCard({ resources }: { resources: readonly SupportResource[] }) {
  return (
    <section className="care-card" aria-labelledby="care-card-title">
      <h2 id="care-card-title" className="care-card__title">
        Pinned by the moderators: if a colleague here is struggling
      </h2>
      <ul className="care-card__steps">
        <li>Reply kindly and plainly: “I’m sorry it’s this hard. I’m glad you said it.”</li>
        <li>Listen more than you advise. Don’t argue with how they feel, and don’t lecture.</li>
        <li>
          If they mention hurting themselves, it is fine to ask directly whether they are safe right now, and
          to point to the people below, who listen day and night.
        </li>
        <li>
          You don’t have to handle it alone: the moderators have been told and are looking out for them.
          Report a message if you are worried.
        </li>
      </ul>
      {resources.length > 0 && (
        <details className="care-card__resources">
          <summary>Where to find help right now</summary>
          <CrisisResources resources={resources} />
        </details>
      )}
    </section>
  );
}
