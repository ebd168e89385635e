import { useState } from 'react';
import { Link } from 'react-router';
import { REASONS, REASON_LABELS, type Reason } from '@staffroom/shared/schemas/consultations';
import { CopyButton } from '../../../components/copy-button';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { ChoiceGroup, optionsOf } from '../components/choice-group';
import { referralFragment } from '../model/referral';
import '../consultations.css';

/**
 * `/support/refer` (public: a principal or staff representative may have no account): make a link that suggests
 * one-to-one support to a colleague, with the reasons ticked. The link is built here, on this device; the reasons
 * travel in its fragment, which browsers never send to a server. Nothing is stored and nothing is sent, so the
 * referrer cannot learn whether it was used, and no free text about the teacher can be written into it.
 */
export function ReferPage() {
  const [reasons, setReasons] = useState<Reason[]>([]);
  const link =
    reasons.length > 0
      ? `${window.location.origin}${paths.askSupport.getHref()}${referralFragment(reasons)}`
      : null;
  return (
    <div className="support-narrow">
      <PageTitle documentTitle="Suggest support to a colleague">Suggest support to a colleague</PageTitle>
      <p className="lead">
        If you think one-to-one peer support could help a colleague, you can give them a link that starts
        their request with the reasons you choose. Only they can send it, and only if they want to.
      </p>
      <section className="panel" aria-labelledby="refer-how">
        <h2 id="refer-how">What you will and will not know</h2>
        <ul>
          <li>The link is made on this device. Nothing is sent to Staffroom or stored when you make it.</li>
          <li>You will not be told whether your colleague opens it, changes it, or asks for support.</li>
          <li>Nothing you see in Staffroom will ever show their request or their conversations.</li>
        </ul>
      </section>
      <form className="form panel" onSubmit={(e) => e.preventDefault()}>
        <ChoiceGroup
          multiple
          legend="Why might support help?"
          name="refer-reasons"
          hint="Only these fixed reasons travel in the link, never anything written about your colleague."
          options={optionsOf(REASONS, REASON_LABELS)}
          value={reasons}
          onChange={setReasons}
        />
        {link ? (
          <div className="referral-link">
            <label htmlFor="referral-link-value">Link to give your colleague</label>
            <input id="referral-link-value" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={link} label="Copy the link" />
          </div>
        ) : (
          <p className="aside" role="status">
            Choose at least one reason to make the link.
          </p>
        )}
      </form>
      <p className="aside">
        <Link to={paths.privacy.getHref()}>What Staffroom stores, and who can see it</Link>
      </p>
    </div>
  );
}
