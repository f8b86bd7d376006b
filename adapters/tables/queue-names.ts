// Queue names the function registrations need when the app starts: here, apart from the queue SDK, so that
// registering the import worker does not load it (functions/lazy.ts).

/** The queue the import worker listens on (the trigger binding names it too). */
export const IMPORT_QUEUE = 'imports';
