import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.json';
import en from './en.json';
import { LOCALES } from '@/config.js';
import { setApiLanguage } from '@/api/http.js';

const KEY = 'shaobing.locale';

function initialLocale() {
  try {
    const saved = localStorage.getItem(KEY);
    if (LOCALES.includes(saved)) return saved;
  } catch {
    /* storage may be unavailable */
  }
  return LOCALES[0];
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: LOCALES[0],
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

setApiLanguage(i18n.global.locale.value);

export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return;
  i18n.global.locale.value = locale;
  setApiLanguage(locale);
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    /* ignore */
  }
}
