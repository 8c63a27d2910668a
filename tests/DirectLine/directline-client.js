// Walks the first onboarding turns with botframework-directlinejs (polling) against TrustBot's
// local Direct Line. Usage: node directline-client.js <baseUrl> <welcomeContains> <yes> <askNameContains>
'use strict';

global.XMLHttpRequest = require('xhr2');
const { DirectLine } = require('botframework-directlinejs');

const [baseUrl, welcomeContains, yes, askNameContains] = process.argv.slice(2);
const TIMEOUT_MS = 20000;

async function main() {
  const response = await fetch(`${baseUrl}/api/directline/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const { token, domain } = await response.json();
  // The cookie is signed and opaque; the token names the user id it was bound to.
  const userId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user;

  // Polling only; the library still looks up a WebSocket class, which node 20 lacks.
  const directLine = new DirectLine({ token, domain, webSocket: false, pollingInterval: 200, WebSocket: function Unused() {} });
  const received = [];
  const waiters = [];
  directLine.activity$.subscribe(
    activity => {
      received.push(activity);
      for (const waiter of waiters.slice()) waiter.check();
    },
    error => fail(`activity stream failed: ${error && error.message}`)
  );

  function waitFor(description, predicate) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check() {
          const match = received.find(predicate);
          if (match) {
            waiters.splice(waiters.indexOf(waiter), 1);
            clearTimeout(timer);
            resolve(match);
          }
        }
      };
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${description}`)), TIMEOUT_MS);
      waiters.push(waiter);
      waiter.check();
    });
  }

  function post(text) {
    return new Promise((resolve, reject) => {
      directLine
        .postActivity({ type: 'message', from: { id: 'chosen-by-the-client', name: 'Robin' }, text })
        .subscribe(id => (id === 'retry' ? reject(new Error('post failed')) : resolve(id)), reject);
    });
  }

  const fromBot = a => a.from && a.from.role === 'bot';
  const welcome = await waitFor('the welcome', a => fromBot(a) && typeof a.text === 'string' && a.text.includes(welcomeContains));
  await waitFor('the consent buttons', a => fromBot(a) && a.suggestedActions && a.suggestedActions.actions.some(x => x.title === yes));

  const yesId = await post(yes);
  const yesEcho = await waitFor('the echo of Yes', a => a.id === yesId);
  await waitFor('the name question', a => fromBot(a) && typeof a.text === 'string' && a.text.includes(askNameContains));

  const nameId = await post('Robin');
  const nameEcho = await waitFor('the echo of the name', a => a.id === nameId);
  const reply = await waitFor('a reply to the name', a => fromBot(a) && received.indexOf(a) > received.indexOf(nameEcho));

  directLine.end();
  console.log(JSON.stringify({
    userId,
    conversationId: welcome.conversation.id,
    echoFromIds: [yesEcho.from.id, nameEcho.from.id],
    replyToName: reply.text || null,
    received: received.length
  }));
  process.exit(0);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

main().catch(error => fail(error.message));
