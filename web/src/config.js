// Display and desk settings in one place.

/** All times are shown in this zone (CONTRACTS: stored as UTC, shown in Asia/Shanghai). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';
/** Its offset, used when a person types a local time into a form. */
export const DISPLAY_OFFSET = '+08:00';
/** Locales the app ships; the first is the default. */
export const LOCALES = ['zh-CN', 'en'];
/** The server's least password length (weak_password below it); the forms say so up front. */
export const PASSWORD_MIN_LENGTH = 12;
