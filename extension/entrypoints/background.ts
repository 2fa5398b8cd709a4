// The popup talks to the companion directly; the worker only has to exist for now (the toolbar badge
// and the pending-secret keeper will live here).
export default defineBackground(() => {});
