import './fill-into-page.css';
import { useId, useState } from 'preact/hooks';
import { explainFillResult, type Fill, type FillResult } from '@/features/autofill/index.ts';
import { CheckIcon, AlertIcon } from '@/ui/icons.tsx';
import { Spinner } from '@/ui/Spinner.tsx';

export interface FillIntoPageProps {
  fill: Fill;
  /** Names the region to screen readers: "Fill into page for Demo North". */
  regionName: string;
  run: (fill: Fill) => Promise<FillResult>;
}

/** "Fill into page" for one region's pair, and the outcome in a sentence: the fields filled, or why nothing was. */
export function FillIntoPage({ fill, regionName, run }: FillIntoPageProps) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FillResult | null>(null);
  const id = useId();
  const click = async function fillIntoPage() {
    setBusy(true);
    setResult(null);
    const outcome = await run(fill).catch(
      (error: Error): FillResult => ({ ok: false, reason: 'no-access', detail: error.message }),
    );
    setBusy(false);
    setResult(outcome);
  };
  return (
    <div class="fill">
      <button
        type="button"
        class="button button--ghost fill__button"
        onClick={click}
        disabled={busy}
        aria-describedby={result ? id : undefined}
      >
        {busy ? <Spinner size={12} /> : null} Fill into page<span class="sr-only"> for {regionName}</span>
      </button>
      <p
        id={id}
        class={`fill__result${result ? (result.ok ? ' fill__result--ok' : ' fill__result--refused') : ''}`}
        role="status"
        data-testid="fill-result"
      >
        {result && (result.ok ? <CheckIcon size={14} /> : <AlertIcon size={14} />)}
        {result && <span>{explainFillResult(result)}</span>}
      </p>
    </div>
  );
}
