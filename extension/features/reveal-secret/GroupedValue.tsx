/** Characters per group: short enough to compare at a glance, as on printed keys and IBANs. */
const GROUP = 4;

/**
 * A long value in groups of four characters, set apart by space that is not part of the text: the line
 * breaks only between groups, never inside one, and selecting and copying it gives the value unchanged.
 */
export function GroupedValue({ value }: { value: string }) {
  const groups: string[] = [];
  for (let at = 0; at < value.length; at += GROUP) groups.push(value.slice(at, at + GROUP));
  return (
    <>
      {groups.map((group, index) => (
        <span key={index} class="grouped-value__group">
          {index > 0 && <wbr />}
          {group}
        </span>
      ))}
    </>
  );
}
