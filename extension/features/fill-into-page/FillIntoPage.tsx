import './fill-into-page.css';
import { useEffect, useId, useState } from 'preact/hooks';
import { explainFillResult, type Fill, type FillResult } from '@/features/autofill/index.ts';
import { CheckIcon, AlertIcon } from '@/ui/icons.tsx';
import { Spinner } from '@/ui/Spinner.tsx';

export interface FillIntoPageProps {
  fill: Fill;
  /** Names the region to screen readers: "Fill into page for Demo North". */
  regionName: string;
  run: (fill: Fill) => Promise<FillResult>;
  /** The host of the page `run` fills, or null when unknown. */
  site: () => Promise<string | null>;
}

/**
 * "Fill into page" for one region's pair, the site it would fill (so the user sees where the pair goes
 * before clicking), and the outcome in a sentence: the fields filled, or why nothing was.
 */
export function FillIntoPage({ fill, regionName, run, site }: FillIntoPageProps) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FillResult | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const id = useId();
  const targetId = useId();
  useEffect(() => {
    void site()
      .catch(() => null)
      .then(setTarget);
  }, [site]);
  const describedBy = [target && targetId, result && id].filter(Boolean).join(' ');
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
      <div class="fill__row">
        <button
          type="button"
          class="button button--ghost fill__button"
          onClick={click}
          disabled={busy}
          aria-describedby={describedBy || undefined}
        >
          {busy ? <Spinner size={12} /> : null} Fill into page<span class="sr-only"> for {regionName}</span>
        </button>
        {target && (
          <span id={targetId} class="fill__target" data-testid="fill-target">
            into <strong>{target}</strong>
          </span>
        )}
      </div>
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
