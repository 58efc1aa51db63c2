import { createRouter, createWebHistory } from 'vue-router';
import { can, homeRoute, restoreSession, session } from '@/stores/session.js';

// Each screen is loaded on first use, so the login page stays small and fast.
const routes = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { public: true, title: 'nav.login' } },
  { path: '/', redirect: () => homeRoute() },
  { path: '/desk', name: 'desk', component: () => import('@/views/desk/DeskView.vue'), meta: { need: 'desk', title: 'nav.desk' } },
  { path: '/events', name: 'events', component: () => import('@/views/event/EventListView.vue'), meta: { title: 'nav.events' } },
  { path: '/events/:id', name: 'event', component: () => import('@/views/event/EventView.vue'), meta: { title: 'nav.event' }, props: true },
  { path: '/links', name: 'links', component: () => import('@/views/links/LinkQueueView.vue'), meta: { need: 'fuse', title: 'nav.links' } },
  { path: '/report', name: 'report', component: () => import('@/views/report/ReportView.vue'), meta: { need: 'report', title: 'nav.report' } },
  { path: '/standards', name: 'standards', component: () => import('@/views/standards/StandardsView.vue'), meta: { title: 'nav.standards' } },
  { path: '/units', name: 'units', component: () => import('@/views/units/UnitsView.vue'), meta: { need: 'directory', title: 'nav.units' } },
  { path: '/account', name: 'account', component: () => import('@/views/account/AccountView.vue'), meta: { title: 'nav.account' } },
  // After an administrator's reset the server answers nothing else until the password is
  // changed: this screen stands alone, outside the shell and its live stream.
  { path: '/password', name: 'password', component: () => import('@/views/account/PasswordView.vue'), meta: { bare: true, title: 'nav.password' } },
  { path: '/notifications', name: 'notifications', component: () => import('@/views/notifications/NotificationsView.vue'), meta: { need: 'notifications', title: 'nav.notifications' } },
  { path: '/timeliness', name: 'timeliness', component: () => import('@/views/timeliness/TimelinessView.vue'), meta: { need: 'timeliness', title: 'nav.timeliness' } },
  { path: '/duty', name: 'duty', component: () => import('@/views/duty/DutyView.vue'), meta: { need: 'duty', title: 'nav.duty' } },
  { path: '/users', name: 'users', component: () => import('@/views/users/UsersView.vue'), meta: { need: 'users', title: 'nav.users' } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.checked) await restoreSession();
  if (to.meta.public) return session.user && to.name === 'login' ? homeRoute() : true;
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (session.user.must_change_password) return to.name === 'password' ? true : { name: 'password' };
  if (to.name === 'password') return { name: 'account' };
  if (to.meta.need && !can(to.meta.need)) return homeRoute();
  return true;
});
