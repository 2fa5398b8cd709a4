/** The mark the popup sets once its region list is on screen; the popup-open benchmark reads it. */
export const REGION_LIST_MARK = 's3keys:region-list';

/** The mark the popup sets once all of it has rendered and it answers clicks (after the list's preview). */
export const POPUP_READY_MARK = 's3keys:popup-ready';

/** Sets a performance mark, once per page. */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
