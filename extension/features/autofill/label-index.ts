/**
 * The labels bound to controls, found once per scan. `control.labels` looks through the whole tree
 * for every control it is asked about, which on a page of thousands of inputs makes a scan quadratic;
 * this index reads each tree's `label[for]` once.
 * @module
 */
import type { Control } from './collect-fields.ts';

/** Labels of controls, per document or shadow root, read on first use. */
export class LabelIndex {
  private readonly byRoot = new Map<Node, Map<string, HTMLLabelElement[]>>();

  /** The labels bound to `control`: `<label for=its id>` in its tree, and a label wrapping it. */
  labelsOf(control: Control): HTMLLabelElement[] {
    const labels: HTMLLabelElement[] = [];
    if (control.id) labels.push(...(this.forLabels(control.getRootNode()).get(control.id) ?? []));
    const wrapping = control.closest('label');
    if (wrapping && !wrapping.htmlFor && wrapping.control === control) labels.push(wrapping);
    return labels;
  }

  private forLabels(root: Node): Map<string, HTMLLabelElement[]> {
    let map = this.byRoot.get(root);
    if (!map) {
      map = new Map();
      for (const label of (root as ParentNode).querySelectorAll<HTMLLabelElement>('label[for]')) {
        const list = map.get(label.htmlFor) ?? [];
        list.push(label);
        map.set(label.htmlFor, list);
      }
      this.byRoot.set(root, map);
    }
    return map;
  }
}
