import type { WholeTextCrisis } from '../../../lib/crisis-guard';
import { useServerInfo } from '../../../app/server-info';
import { CrisisResources } from '../../../components/crisis-resources';

/**
 * The contacts under a sealed note's box that was refused over its limit (`useOverLimit`) and whose whole text
 * suggests risk, or worry for someone else: shown at once, as the conversation's notice does for a note that was
 * saved. Only the writer's browser sees this.
 */
export function OverLimitSupport({ found }: { found: WholeTextCrisis | null }) {
  const crisisResources = useServerInfo()?.crisisResources;
  if (!found || !(found.risk || found.concernForOther)) return null;
  return (
    <div className="over-limit-support" role="status">
      <p>
        What you wrote suggests you may be going through something very hard, or worried about someone. You
        can reach these people, day and night:
      </p>
      <CrisisResources resources={crisisResources ?? []} />
    </div>
  );
}
