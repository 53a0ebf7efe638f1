'use strict';
// The console: the active-contact story by hand, through the service's own HTTP API (docs/conversations.md), the
// sandbox's contact simulator and GET /dev/events. No framework and no build step.

const $ = (id) => document.getElementById(id);

/** The template the console creates when the account has no approved one. */
const TEMPLATE = {
  name: 'console_retomar_contato', language: 'pt_BR', category: 'UTILITY',
  body: 'Olá {{1}}, podemos retomar seu atendimento?', example: 'Maria',
};

const page = {
  token: null,
  accounts: [],
  templates: [],
  commandNames: new Set(),
  commands: new Map(),   // commandId -> what it was, for its outcome
  outcomes: new Map(),   // commandId -> its outcome, which may arrive before the POST that sent it answers
  lastLabel: null,
  refreshing: false,
  events: 0,
};

function showError(error) {
  const box = $('error');
  box.textContent = String(error && error.message ? error.message : error);
  box.hidden = false;
}

/** Runs an action of a button, showing what went wrong instead of failing silently. */
function action(id, run) {
  $(id).addEventListener('click', async () => {
    $('error').hidden = true;
    try { await run(); } catch (error) { showError(error); }
  });
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + page.token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const errors = json && json.errors ? Object.entries(json.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; ') : null;
    throw new Error(`${method} ${path}: ${response.status} ${errors || (json && (json.detail || json.title)) || text}`);
  }
  return json;
}

const account = () => page.accounts.find((a) => a.id === $('account').value);
const contact = () => $('contact').value.trim();
const conversationPath = () => `/api/conversations/${encodeURIComponent(account().providerAccountId)}/${encodeURIComponent(contact())}`;
const short = (id) => (id ? String(id).slice(0, 8) : '');

async function loadAccounts() {
  page.accounts = await api('GET', '/api/channel-accounts?channel=whatsapp&status=active');
  $('account').replaceChildren(...page.accounts.map((a) => new Option(`${a.displayNumber || a.providerAccountId} (${a.providerAccountId})`, a.id)));
  if (page.accounts.length === 0) throw new Error('No active WhatsApp account: is the sandbox on (Sandbox__Enabled)?');
}

async function loadTemplates() {
  const list = await api('GET', `/api/templates?accountId=${account().id}&status=APPROVED&pageSize=100`);
  page.templates = list.items;
  const select = $('template');
  const previous = select.value;
  select.replaceChildren(...(page.templates.length
    ? page.templates.map((t, i) => new Option(`${t.name} (${t.language})`, String(i)))
    : [new Option('(no approved template: create one)', '')]));
  if (previous && previous < page.templates.length) select.value = previous;
  $('create-template').disabled = page.templates.some((t) => t.name === TEMPLATE.name);
  renderParameters();
}

const template = () => page.templates[Number($('template').value)];

/** One input per body parameter of the chosen template ({{1}}, or {{name}} for a named one). */
function renderParameters() {
  const chosen = $('template').value === '' ? null : template();
  const body = chosen ? chosen.components.find((c) => (c.type || '').toUpperCase() === 'BODY') : null;
  const names = body && body.text ? [...new Set([...body.text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]))] : [];
  $('template-parameters').replaceChildren(...names.map((name) => {
    const label = document.createElement('label');
    label.append(`Body {{${name}}}`);
    const input = document.createElement('input');
    input.dataset.parameter = name;
    input.value = TEMPLATE.example;
    label.append(input);
    return label;
  }));
}

function track(commandId, what) {
  page.commands.set(commandId, what);
  $('outcome').textContent = `${what} (${short(commandId)}): ${page.outcomes.get(commandId) || 'pending'}`;
}

const OUTCOMES = { MessageAccepted: () => 'accepted', MessageRejected: (m) => `rejected ${m.reason}`, SessionClosed: () => 'session closed' };

function outcome(messageType, message) {
  if (!OUTCOMES[messageType]) return;
  const text = OUTCOMES[messageType](message);
  page.outcomes.set(message.commandId, text);
  const what = page.commands.get(message.commandId);
  if (what) $('outcome').textContent = `${what} (${short(message.commandId)}): ${text}`;
}

/** The conversation's state as the read side tells it, and its changes as a timeline. */
async function refreshConversation() {
  if (page.refreshing || !account() || !contact() || !page.token) return;
  page.refreshing = true;
  try {
    const view = await api('GET', conversationPath());
    const live = view.state === 'Open' || view.state === 'WindowExpired';
    const typing = view.typingLocked ? 'typing locked' : live ? 'typing unlocked' : 'typing —';
    const queue = view.queued ? `queued to ${view.team || 'the default team'}` : 'not queued';
    $('state').textContent = view.state;
    $('state').dataset.state = view.state;
    $('typing').textContent = typing;
    $('typing').dataset.locked = String(view.typingLocked);
    $('queue').textContent = queue;
    $('session-detail').textContent = [
      view.agentId && `agent ${view.agentId}`,
      view.windowEndsAt && `window ends ${new Date(view.windowEndsAt).toLocaleString()}`,
      `free text: ${view.freeText ? 'refused ' + view.freeText : 'allowed'}`,
    ].filter(Boolean).join(' · ');
    const label = view.state === 'None' || view.state === 'Closed' ? view.state : `${view.state}: ${typing}${view.queued ? ', ' + queue : ''}`;
    if (label !== page.lastLabel) {
      page.lastLabel = label;
      const item = document.createElement('li');
      item.textContent = label;
      $('timeline').append(item);
    }
  } catch (error) {
    showError(error);
  } finally {
    page.refreshing = false;
  }
}

function describe(type, m) {
  switch (type) {
    case 'InboundMessageReceived': {
      const c = m.content || {};
      const said = c.text || (c.media && (c.media.caption || c.media.kind)) || (c.reply && c.reply.title) || '';
      return `${m.type} from ${m.contact && m.contact.contactKey}${said ? ': ' + said : ''}`;
    }
    case 'MessageStatusChanged': return `${m.status}${m.commandId ? ' of ' + short(m.commandId) : ''}`;
    case 'MessageAccepted': return `${short(m.commandId)} sent as ${m.providerMessageId}`;
    case 'MessageRejected': return `${short(m.commandId)} ${m.reason}${m.detail ? ': ' + m.detail : ''}`;
    case 'ActiveContactStarted': return `agent ${m.agentId}, team ${m.team}`;
    case 'TypingUnlocked': return `agent ${m.agentId} may type`;
    case 'SessionQueued': return `to team ${m.team || '(default)'}`;
    case 'SessionClosed': return `by ${short(m.commandId)}`;
    case 'TemplateStatusChanged': return `${m.templateName || ''} ${m.event || m.change}`;
    case 'StartActiveContact': return `${m.templateName} to ${m.to}, agent ${m.agentId}`;
    case 'SendText': return `"${m.text}" to ${m.to}`;
    case 'NotifyParticipantChange': return `${m.agentName} ${m.joined ? 'joined' : 'left'}`;
    case 'EndSession': return `${m.to}`;
    default: return '';
  }
}

function onEvent(item) {
  const { messageType, message } = item;
  const entry = document.createElement('li');
  entry.dataset.type = messageType;
  entry.dataset.kind = page.commandNames.has(messageType) ? 'command' : 'event';
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement('span');
  name.className = 'type';
  name.textContent = messageType;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = describe(messageType, message);
  summary.append(time, ' ', name, ' ', text);
  const json = document.createElement('pre');
  json.textContent = JSON.stringify(message, null, 2);
  details.append(summary, json);
  entry.append(details);
  $('events').prepend(entry);
  $('event-count').textContent = String(++page.events);
  if (message && message.commandId) outcome(messageType, message);
  if (messageType === 'TemplateStatusChanged') loadTemplates().catch(showError);
  refreshConversation();
}

/** Every message type the bus carries (from the AsyncAPI document): /dev/events names each event after its type. */
async function subscribe() {
  const asyncApi = await api('GET', '/asyncapi/v1.json');
  const types = new Set(Object.keys(asyncApi.components.messages));
  Object.values(asyncApi.operations).filter((o) => o.action === 'receive').forEach((o) => page.commandNames.add(o.title));
  follow(types);
}

/**
 * GET /dev/events read as server-sent events with fetch, not EventSource: the stream takes a token (it carries personal
 * data) and EventSource cannot send one. Reconnects a second after the stream ends or fails.
 */
async function follow(types) {
  try {
    const response = await fetch('/dev/events', { headers: { Authorization: 'Bearer ' + page.token } });
    if (!response.ok) throw new Error('GET /dev/events answered ' + response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value.replaceAll('\r\n', '\n');
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        dispatch(buffered.slice(0, end), types);
        buffered = buffered.slice(end + 2);
      }
    }
  } catch (error) {
    console.warn(error);
  }
  $('connection').textContent = 'disconnected, retrying…';
  setTimeout(() => follow(types), 1000);
}

/** One server-sent event: its "event:" names the message type, its "data:" lines the JSON. */
function dispatch(block, types) {
  const lines = block.split('\n');
  const type = lines.find((line) => line.startsWith('event:'))?.slice(6).trim();
  const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
  if (type === 'connected') $('connection').textContent = 'connected';
  else if (types.has(type) && data) onEvent(JSON.parse(data));
}

action('create-template', async () => {
  $('create-template').disabled = true;
  $('template').replaceChildren(new Option(`${TEMPLATE.name}: waiting for the review…`, ''));
  try {
    await api('POST', '/api/templates', {
      accountId: account().id, name: TEMPLATE.name, language: TEMPLATE.language, category: TEMPLATE.category,
      components: [{ type: 'BODY', text: TEMPLATE.body, example: { bodyText: [[TEMPLATE.example]] } }],
    });
  } catch (error) {
    await loadTemplates(); // the list as it is (the name may exist already, still in review or rejected)
    throw error;
  }
});

action('start', async () => {
  const chosen = template();
  if (!chosen) throw new Error('Pick an approved template first (or create one).');
  const parameters = [...document.querySelectorAll('#template-parameters input')].map((input) =>
    chosen.parameterFormat === 'NAMED' ? { type: 'text', text: input.value, name: input.dataset.parameter } : { type: 'text', text: input.value });
  const answer = await api('POST', conversationPath() + '/start', {
    agentId: $('agent').value, team: $('team').value, templateName: chosen.name, language: chosen.language,
    components: parameters.length ? [{ type: 'body', parameters }] : [],
  });
  track(answer.commandId, 'StartActiveContact');
});

action('end', async () => {
  const answer = await api('POST', conversationPath() + '/end', {});
  track(answer.commandId, 'EndSession');
});

async function contactSends(message) {
  await api('POST', `/sandbox/contacts/${encodeURIComponent(contact())}/messages`, { ...message, to: account().providerAccountId });
}

action('contact-reply', () => contactSends({ type: 'text', text: $('contact-text').value }));
action('contact-image', () => contactSends({ type: 'image', caption: $('contact-caption').value }));
action('contact-press', () => contactSends({ type: 'button', text: $('contact-button').value }));

action('agent-send', async () => {
  const answer = await api('POST', '/api/messages', { type: 'text', accountId: account().providerAccountId, to: contact(), text: $('agent-text').value });
  track(answer.commandId, 'SendText');
});

async function notice(joined) {
  const answer = await api('POST', conversationPath() + '/notices', { agentName: $('agent-name').value, joined });
  track(answer.commandId, joined ? 'Joined notice' : 'Left notice');
}

action('agent-joined', () => notice(true));
action('agent-left', () => notice(false));

function restartTimeline() {
  page.lastLabel = null;
  $('timeline').replaceChildren();
  refreshConversation();
}

$('account').addEventListener('change', () => { loadTemplates().catch(showError); restartTimeline(); });
$('contact').addEventListener('change', restartTimeline);
$('template').addEventListener('change', renderParameters);

(async () => {
  try {
    const token = await fetch('/dev/token');
    if (!token.ok) throw new Error('GET /dev/token answered ' + token.status + ': the console needs the Development environment.');
    page.token = await token.text();
    await subscribe();
    await loadAccounts();
    await loadTemplates();
    await refreshConversation();
    // The registry stores a review's result after the TemplateStatusChanged telling of it: look again until one is there.
    setInterval(() => { refreshConversation(); if (page.templates.length === 0) loadTemplates().catch(showError); }, 1000);
  } catch (error) {
    showError(error);
  }
})();
