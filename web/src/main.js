import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n/index.js';
import { router } from './router/index.js';
import { installElement } from './plugins/element.js';
import { setPasswordChangeHandler, setUnauthenticatedHandler } from './api/http.js';
import { clearSession, requirePasswordChange, session } from './stores/session.js';
import { stopLive } from './stores/live.js';
import './styles/base.css';

setUnauthenticatedHandler(() => {
  clearSession();
  stopLive();
  if (router.currentRoute.value.name !== 'login') {
    router.replace({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
  }
});

// An administrator reset the password: nothing else works until it is changed. While the
// first navigation is still asking who is signed in, its guard does the routing.
setPasswordChangeHandler(() => {
  requirePasswordChange();
  stopLive();
  if (session.checked && router.currentRoute.value.name !== 'password') router.replace({ name: 'password' });
});

const app = createApp(App);
app.use(i18n);
app.use(router);
installElement(app);
app.mount('#app');
