/* DigitalTwin chat: mounts a chat into every element with the data-digital-twin-chat attribute. Plain JavaScript, no build step.
   Settings (first found wins): ?api= and ?twin= (only with data-query-config), data-api-base / data-twin / data-title /
   data-api-key on the element, window.DigitalTwinChatConfig = { apiBase, twin, title, apiKey }, else the API at this script's origin. */
(function () {
  'use strict';
  var scriptOrigin = document.currentScript && document.currentScript.src ? new URL(document.currentScript.src).origin : location.origin;
  var global = window.DigitalTwinChatConfig || {};
  var mounted = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function setting(root, query, name, queryName) {
    var fromQuery = root.hasAttribute('data-query-config') ? query.get(queryName) : null;
    return fromQuery || root.getAttribute('data-' + name) || global[name.replace(/-(\w)/g, function (_, c) { return c.toUpperCase(); })] || '';
  }

  function problemText(status, body) {
    if (body && (body.detail || body.title)) { return body.detail || body.title; }
    if (status === 429) { return 'Too many messages in a short time. Wait a minute and try again.'; }
    return 'The twin could not answer (HTTP ' + status + '). Try again in a moment.';
  }

  function mount(root) {
    var query = new URLSearchParams(location.search);
    var base = (setting(root, query, 'api-base', 'api') || scriptOrigin).replace(/\/+$/, '');
    var twin = setting(root, query, 'twin', 'twin');
    var apiKey = setting(root, query, 'api-key', 'api-key-unused');
    var prefix = base + (twin ? '/twins/' + encodeURIComponent(twin) : '');
    var storageKey = 'digital-twin-chat:' + base + ':' + (twin || 'default') + ':session';
    var id = 'dt-chat-' + (++mounted);
    var busy = false;

    var box = el('section', 'dt-chat');
    box.setAttribute('aria-labelledby', id + '-title');
    var header = el('div', 'dt-chat__header');
    var standalone = root.classList.contains('dt-page__main');
    var title = el(standalone ? 'h1' : 'h2', 'dt-chat__title', setting(root, query, 'title', 'title') || 'Chat with the digital twin');
    title.id = id + '-title';
    var reset = el('button', 'dt-chat__new', 'New conversation');
    reset.type = 'button';
    header.append(title, reset);
    var log = el('ol', 'dt-chat__log');
    log.setAttribute('aria-label', 'Conversation');
    var empty = el('li', 'dt-chat__empty', 'Ask a question to start the conversation.');
    log.append(empty);
    var live = el('div', 'dt-chat__sr');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('data-role', 'announcer');
    var error = el('p', 'dt-chat__error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    var form = el('form', 'dt-chat__form');
    var label = el('label', 'dt-chat__label', 'Your message');
    label.htmlFor = id + '-input';
    var input = el('textarea', 'dt-chat__input');
    input.id = id + '-input';
    input.name = 'message';
    input.rows = 2;
    input.required = true;
    input.setAttribute('aria-describedby', id + '-hint');
    var send = el('button', 'dt-chat__send', 'Send');
    send.type = 'submit';
    var hint = el('p', 'dt-chat__hint', 'Enter sends; Shift+Enter adds a new line.');
    hint.id = id + '-hint';
    form.append(label, input, send, hint);
    box.append(header, log, error, live, form);
    root.append(box);
    if (standalone) { document.title = title.textContent; }

    function headers(json) {
      var h = { Accept: json ? 'application/json' : 'text/event-stream' };
      if (!json) { h['Content-Type'] = 'application/json'; }
      if (apiKey) { h['X-API-Key'] = apiKey; }
      return h;
    }

    function showError(text) { error.textContent = text; error.hidden = !text; }

    function add(role, text) {
      if (empty.parentNode) { empty.remove(); }
      var item = el('li', 'dt-chat__msg dt-chat__msg--' + role);
      item.append(el('span', 'dt-chat__who', role === 'user' ? 'You: ' : 'Twin: '));
      var body = el('span', 'dt-chat__text', text);
      item.append(body);
      log.append(item);
      log.scrollTop = log.scrollHeight;
      return { item: item, body: body };
    }

    function loadHistory() {
      var session = localStorage.getItem(storageKey);
      if (!session) { return; }
      fetch(prefix + '/conversation/' + encodeURIComponent(session), { headers: headers(true) })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (data) {
          (data && data.messages || []).forEach(function (m) { add(m.role === 'user' ? 'user' : 'assistant', m.content); });
        })
        .catch(function () { showError('The earlier conversation could not be loaded. You can keep chatting.'); });
    }

    function handle(event, data, reply) {
      if (event === 'session' && data.session_id) { localStorage.setItem(storageKey, data.session_id); }
      if (event === 'delta' && data.text) { reply.body.textContent += data.text; log.scrollTop = log.scrollHeight; }
      if (event === 'done') { reply.item.classList.remove('dt-chat__msg--pending'); live.textContent = reply.body.textContent; reply.done = true; }
      if (event === 'error') { throw new Error(problemText(data.status || 500, data)); }
    }

    async function stream(message, reply) {
      var res = await fetch(prefix + '/chat/stream', {
        method: 'POST', headers: headers(false),
        body: JSON.stringify({ message: message, session_id: localStorage.getItem(storageKey) || undefined })
      });
      if (!res.ok || !res.body) {
        var problem = await res.json().catch(function () { return null; });
        throw new Error(problemText(res.status, problem));
      }
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      for (;;) {
        var chunk = await reader.read();
        buffer += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
        var blocks = buffer.split(/\r?\n\r?\n/);
        buffer = chunk.done ? '' : blocks.pop();
        blocks.forEach(function (block) {
          var event = 'message', data = [];
          block.split(/\r?\n/).forEach(function (line) {
            if (line.indexOf('event:') === 0) { event = line.slice(6).trim(); }
            if (line.indexOf('data:') === 0) { data.push(line.slice(5).replace(/^ /, '')); }
          });
          if (data.length) { handle(event, JSON.parse(data.join('\n')), reply); }
        });
        if (chunk.done) { break; }
      }
      if (!reply.done) { throw new Error('The answer was cut off before it finished, so it was not saved. Please send your message again.'); }
    }

    async function submit() {
      var message = input.value.trim();
      if (!message || busy) { return; }
      busy = true;
      send.disabled = true;
      log.setAttribute('aria-busy', 'true');
      showError('');
      var asked = add('user', message);
      input.value = '';
      var reply = add('assistant', '');
      reply.item.classList.add('dt-chat__msg--pending');
      try {
        await stream(message, reply);
      } catch (e) {
        reply.item.classList.remove('dt-chat__msg--pending');
        // Nothing was stored: a failed turn leaves no bubbles behind, a cut one is marked; the message goes back to the input.
        if (reply.body.textContent) { reply.item.classList.add('dt-chat__msg--cut'); } else { reply.item.remove(); asked.item.remove(); }
        if (!log.querySelector('.dt-chat__msg')) { log.append(empty); }
        showError(e instanceof TypeError ? 'Could not reach the twin. Check your connection and try again.' : e.message);
        if (!input.value) { input.value = message; }
      } finally {
        busy = false;
        send.disabled = false;
        log.removeAttribute('aria-busy');
        input.focus();
      }
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    });
    reset.addEventListener('click', function () {
      localStorage.removeItem(storageKey);
      log.replaceChildren(empty);
      showError('');
      input.focus();
    });
    loadHistory();
  }

  function start() { document.querySelectorAll('[data-digital-twin-chat]').forEach(mount); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
