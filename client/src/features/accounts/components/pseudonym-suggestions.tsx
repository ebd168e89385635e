import { useId } from 'react';
import { Button } from '../../../components/button';
import { useResource } from '../../../lib/use-resource';
import { accountsApi } from '../api/accounts-api';
import './pseudonym-suggestions.css';

const loadSuggestions = () => accountsApi.suggestions().then((r) => r.suggestions);

/** Three free pseudonyms from the server, as buttons that fill the field, and a way to get three more. */
export function PseudonymSuggestions({
  current,
  onPick,
}: {
  current: string;
  onPick: (value: string) => void;
}) {
  const labelId = useId();
  const { data, error, loading, reload } = useResource(loadSuggestions);
  const suggestions = data ?? [];

  return (
    <div className="suggestions" role="group" aria-labelledby={labelId}>
      <p id={labelId} className="suggestions__label">
        Suggestions
      </p>
      {error && !data ? (
        <p className="suggestions__note">Suggestions are not available right now. You can write your own.</p>
      ) : (
        <ul className="suggestions__list" aria-busy={loading}>
          {suggestions.map((name) => (
            <li key={name}>
              <Button variant="chip" aria-pressed={current === name} onClick={() => onPick(name)}>
                {name}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="quiet" busy={loading} busyLabel="Finding names…" onClick={reload}>
        Other suggestions
      </Button>
    </div>
  );
}
