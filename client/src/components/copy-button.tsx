import { useEffect, useState } from 'react';
import { Button } from './button';
import './copy-button.css';

/** Copies `text` to the clipboard and says so politely; on failure it asks the person to copy by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(null), 4_000);
    return () => clearTimeout(timer);
  }, [result]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };

  return (
    <span className="copy">
      <Button variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span className="copy__result" role="status">
        {result === 'copied' && 'Copied.'}
        {result === 'failed' && 'Could not copy: select the text and copy it yourself.'}
      </span>
    </span>
  );
}
