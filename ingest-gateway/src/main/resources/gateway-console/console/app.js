// The operator console: sign-in, the role's session and hash routes (#/fleet, #/bot/<id>, #/audit).
import { hasToken, session, signIn, signOut } from './api.js';
import { fill } from './dom.js';
import { showFleet } from './fleet.js';
import { showBot } from './bot.js';
import { showAudit } from './audit.js';

const $ = (id) => document.getElementById(id);
let current = { stop() {} };
let me = null;

function showSignIn(message = '') {
  current.stop();
  me = null;
  $('top').hidden = true;
  fill($('view'));
  $('signin').hidden = false;
  $('signin-message').textContent = message;
  $('signin-token').value = '';
  $('signin-token').focus();
}

function route() {
  current.stop();
  const view = $('view');
  fill(view);
  const hash = location.hash || '#/fleet';
  const bot = hash.match(/^#\/bot\/(.+)$/);
  const context = { session: me, mayControl: Boolean(me && me.may_control), onUnauthorized: () => expired() };
  if (bot) {
    current = showBot(view, decodeURIComponent(bot[1]), context);
  } else if (hash.startsWith('#/audit')) {
    current = showAudit(view, context);
  } else {
    current = showFleet(view, context);
  }
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', hash.startsWith(link.getAttribute('href')));
  }
}

function expired() {
  signOut();
  showSignIn('Signed out: the gateway no longer accepts this token.');
}

function signedIn(s) {
  me = s;
  $('signin').hidden = true;
  $('top').hidden = false;
  $('who').textContent = `${s.name} (${s.role})`;
  document.body.dataset.role = s.role;
  route();
}

async function start() {
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('signin-message').textContent = 'Checking the token…';
    try {
      signedIn(await signIn($('signin-token').value));
    } catch (e) {
      $('signin-message').textContent = e.message;
    }
  });
  $('sign-out').addEventListener('click', () => {
    signOut();
    showSignIn('Signed out.');
  });
  window.addEventListener('hashchange', () => { if (me) route(); });
  if (!hasToken()) {
    showSignIn();
    return;
  }
  try {
    signedIn(await session());
  } catch (e) {
    signOut();
    showSignIn(e.status === 401 || e.status === 403 ? 'Signed out: the gateway no longer accepts this token.' : e.message);
  }
}

start();
