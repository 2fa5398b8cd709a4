/**
 * Writes a value so the page's framework sees it: React controlled inputs, AngularJS ng-model,
 * Angular forms, Vue v-model and plain forms all read it from the events a user's typing makes.
 * @module
 */
import type { Control } from './collect-fields.ts';

/**
 * Sets `value` through the element's native `value` setter, then dispatches bubbling `input` and
 * `change`, between a focus and a blur (Angular marks a control touched on blur). For a select, the
 * value must be one of its options' values or texts; returns false when it is not.
 */
export function writeValue(control: Control, value: string): boolean {
  if (control.localName === 'select') {
    const select = control as HTMLSelectElement;
    const option = [...select.options].find((o) => o.value === value || o.text.trim() === value);
    if (!option) return false;
    value = option.value;
  }
  control.focus({ preventScroll: true });
  nativeValueSetter(control).call(control, value);
  control.dispatchEvent(
    new InputEvent('input', {
      bubbles: true,
      composed: true,
      inputType: 'insertReplacementText',
      data: value,
    }),
  );
  control.dispatchEvent(new Event('change', { bubbles: true }));
  control.blur();
  return true;
}

/**
 * The setter of the element's interface prototype, skipping any `value` property a framework put on
 * the instance: React's value tracker lives there, and a write through it makes React drop the
 * next `input` event as "nothing changed" (react/react#10135, #11095).
 */
function nativeValueSetter(control: Control): (this: Control, value: string) => void {
  for (let proto = Object.getPrototypeOf(control); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) return setter as (this: Control, value: string) => void;
  }
  return function (this: Control, value: string) {
    this.value = value;
  };
}
