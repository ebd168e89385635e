import { PULSE_ITEMS } from '@staffroom/shared/schemas/wellness';
import { PageTitle } from '../../../components/page-title';
import { FeedbackBox } from '../components/feedback-box';
import '../wellness.css';

/** What the pulse asks, where each question comes from, and what happens to an answer. */
export function AboutPulsePage({ canLeaveFeedback }: { canLeaveFeedback: boolean }) {
  return (
    <>
      <PageTitle documentTitle="About the pulse">About the weekly pulse</PageTitle>
      <p className="lead">
        Six short questions, once a week, each optional. Where a validated single question exists we use it as
        published; where none exists the question is our own and we say so.
      </p>
      <section className="section panel" aria-labelledby="questions">
        <h2 id="questions">The questions and their sources</h2>
        <ol className="pulse-sources">
          {PULSE_ITEMS.map((item) => (
            <li key={item.id}>
              <p>
                <strong>{item.question}</strong>
              </p>
              <p>Answers: {item.labels.join(' · ')}</p>
              <p>Source: {item.source}</p>
              <p>{item.note}</p>
            </li>
          ))}
        </ol>
      </section>
      <section className="section panel" aria-labelledby="what-happens">
        <h2 id="what-happens">What happens to your answer</h2>
        <ul>
          <li>
            The server adds +1 to the weekly count of each answer you gave, for your group of teachers (in
            one-to-one support, in groups only, or neither; first-year if you say so). It never stores your
            answers as a response, and nothing links the counts to you.
          </li>
          <li>
            To allow one pulse a week, it keeps a one-way code of your account for that week, which says that
            you answered, never what. It is deleted eight days after the week ends.
          </li>
          <li>
            Answers are added in batches, so the moment you answer cannot be matched to a change in the
            counts.
          </li>
          <li>
            Coordinators see only finished weeks, and no figure about fewer than five teachers, including
            figures they could work out by subtracting one from another.
          </li>
          <li>
            Your own trend is sealed in your browser with your personal key before it is stored: nobody else,
            the server included, can read it. You can delete it at any time on the pulse page.
          </li>
        </ul>
      </section>
      {canLeaveFeedback && (
        <section className="section panel" aria-labelledby="feedback-box">
          <h2 id="feedback-box">Anonymous feedback box</h2>
          <FeedbackBox />
        </section>
      )}
    </>
  );
}
