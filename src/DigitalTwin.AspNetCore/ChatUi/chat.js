/* DigitalTwin chat: mounts a chat into every element with the data-digital-twin-chat attribute. Plain JavaScript, no build step.
   Settings (first found wins): ?api=, ?twin= and ?lang= (only with data-query-config), data-api-base / data-twin / data-title /
   data-lang / data-api-key on the element, window.DigitalTwinChatConfig = { apiBase, twin, title, lang, apiKey }, else the API
   at this script's origin. The language (en or es) defaults to the twin's own, as GET {api}/persona reports it.
   Every text from the visitor, the twin or the server is put into the page as text nodes: replies are rendered from a small,
   safe Markdown subset into DOM nodes, never through innerHTML. */
(function () {
  'use strict';
  var scriptOrigin = document.currentScript && document.currentScript.src ? new URL(document.currentScript.src).origin : location.origin;
  var global = window.DigitalTwinChatConfig || {};
  var mounted = 0;

  var TEXTS = {
    en: {
      title: 'Chat with the digital twin', subtitle: 'AI digital twin', pageTitle: '{0} · digital twin', newConversation: 'New conversation',
      conversation: 'Conversation', empty: 'Ask a question to start the conversation.', label: 'Your message', send: 'Send',
      stop: 'Stop', hint: 'Enter sends; Shift+Enter adds a new line.', you: 'You', twin: 'Twin', typing: '{0} is typing…',
      stopped: 'Stopped. This answer was not saved.', cut: 'The answer was cut off before it finished, so it was not saved. Please send your message again.',
      offline: 'Could not reach the twin. Check your connection and try again.', history: 'The earlier conversation could not be loaded. You can keep chatting.',
      tooMany: 'Too many messages in a short time. Wait a minute and try again.', failed: 'The twin could not answer (HTTP {0}). Try again in a moment.'
    },
    es: {
      title: 'Chatea con el gemelo digital', subtitle: 'Gemelo digital con IA', pageTitle: '{0} · gemelo digital', newConversation: 'Nueva conversación',
      conversation: 'Conversación', empty: 'Haz una pregunta para empezar la conversación.', label: 'Tu mensaje', send: 'Enviar',
      stop: 'Detener', hint: 'Intro envía; Mayús+Intro añade una línea nueva.', you: 'Tú', twin: 'Gemelo', typing: '{0} está escribiendo…',
      stopped: 'Detenido. Esta respuesta no se guardó.', cut: 'La respuesta se cortó antes de terminar, así que no se guardó. Vuelve a enviar tu mensaje.',
      offline: 'No se pudo contactar con el gemelo. Revisa tu conexión y vuelve a intentarlo.', history: 'No se pudo cargar la conversación anterior. Puedes seguir chateando.',
      tooMany: 'Demasiados mensajes en poco tiempo. Espera un minuto y vuelve a intentarlo.', failed: 'El gemelo no pudo responder (HTTP {0}). Vuelve a intentarlo en un momento.'
    }
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function format(text, value) { return text.replace('{0}', value); }

  function setting(root, query, name, queryName) {
    var fromQuery = root.hasAttribute('data-query-config') ? query.get(queryName) : null;
    return fromQuery || root.getAttribute('data-' + name) || global[name.replace(/-(\w)/g, function (_, c) { return c.toUpperCase(); })] || '';
  }

  function language(code) { return /^es\b/i.test(code || '') ? 'es' : (/^en\b/i.test(code || '') ? 'en' : ''); }

  /* --- Safe Markdown: paragraphs, line breaks, bullet and numbered lists, headings (as bold lines), fenced code, and inline
     **bold**, *italic*, _italic_, `code`, [links](https://…) and bare http(s) addresses. Links only for http, https, mailto. */
  var INLINE = '(`+)([^`][\\s\\S]*?)\\1(?!`)|\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*|__(?=\\S)([\\s\\S]*?\\S)__(?!\\w)|\\*(?=[^\\s*])([\\s\\S]*?[^\\s*])\\*' +
    '|(?<!\\w)_(?=[^\\s_])([\\s\\S]*?[^\\s_])_(?!\\w)|\\[([^\\]\\n]+)\\]\\(\\s*<?((?:[^()\\s<>]|\\([^()\\s<>]*\\))+)>?\\s*\\)|(https?:\\/\\/[^\\s<>()]*[^\\s<>().,;:!?\'"])';

  function safeUrl(raw) {
    var url;
    try { url = new URL(raw); } catch (e) { return null; }
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  }

  function inline(parent, text) {
    var pattern = new RegExp(INLINE, 'g');
    var last = 0, m;
    while ((m = pattern.exec(text)) !== null) {
      if (m.index > last) { parent.append(document.createTextNode(text.slice(last, m.index))); }
      if (m[1]) {
        parent.append(el('code', 'dt-chat__code', m[2]));
      } else if (m[3] !== undefined || m[4] !== undefined) {
        var strong = el('strong');
        inline(strong, m[3] !== undefined ? m[3] : m[4]);
        parent.append(strong);
      } else if (m[5] !== undefined || m[6] !== undefined) {
        var em = el('em');
        inline(em, m[5] !== undefined ? m[5] : m[6]);
        parent.append(em);
      } else {
        var label = m[7] !== undefined ? m[7] : m[9];
        var href = safeUrl(m[7] !== undefined ? m[8] : m[9]);
        if (href) {
          var a = el('a', 'dt-chat__link', label);
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          parent.append(a);
        } else {
          parent.append(document.createTextNode(label));
        }
      }
      last = pattern.lastIndex;
    }
    if (last < text.length) { parent.append(document.createTextNode(text.slice(last))); }
  }

  function markdown(target, text) {
    target.replaceChildren();
    var para = null, list = null, code = null;
    text.replace(/\r\n?/g, '\n').split('\n').forEach(function (line) {
      if (code) {
        if (/^\s*```/.test(line)) { code = null; } else { code.textContent += (code.textContent ? '\n' : '') + line; }
        return;
      }
      if (/^\s*```/.test(line)) {
        var pre = el('pre', 'dt-chat__pre');
        code = el('code');
        pre.append(code);
        target.append(pre);
        para = list = null;
        return;
      }
      var item = /^\s*([-*+•]|\d{1,3}[.)])\s+(.*)$/.exec(line);
      if (item) {
        var ordered = /\d/.test(item[1]);
        if (!list || list.ordered !== ordered) {
          list = { ordered: ordered, node: el(ordered ? 'ol' : 'ul', 'dt-chat__list') };
          target.append(list.node);
        }
        var li = el('li');
        inline(li, item[2]);
        list.node.append(li);
        para = null;
        return;
      }
      if (!line.trim()) { para = list = null; return; }
      if (list && /^\s+\S/.test(line)) { list.node.lastChild.append(document.createTextNode(' ')); inline(list.node.lastChild, line.trim()); return; }
      var heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) {
        var p = el('p', 'dt-chat__heading');
        var strong = el('strong');
        inline(strong, heading[1]);
        p.append(strong);
        target.append(p);
        para = list = null;
        return;
      }
      list = null;
      if (para) { para.append(el('br')); } else { para = el('p'); target.append(para); }
      inline(para, line);
    });
  }

  function timeLabel(date, lang) {
    var now = new Date();
    var options = { hour: '2-digit', minute: '2-digit' };
    if (date.toDateString() !== now.toDateString()) { options.day = 'numeric'; options.month = 'short'; }
    return date.toLocaleString(lang, options);
  }

  function initials(name) {
    return name.split(/\s+/).filter(Boolean).map(function (w) { return w.charAt(0); }).filter(function (c, i, all) { return i === 0 || i === all.length - 1; }).join('').toUpperCase();
  }

  function mount(root) {
    var query = new URLSearchParams(location.search);
    var base = (setting(root, query, 'api-base', 'api') || scriptOrigin).replace(/\/+$/, '');
    var twin = setting(root, query, 'twin', 'twin');
    var apiKey = setting(root, query, 'api-key', 'api-key-unused');
    var prefix = base + (twin ? '/twins/' + encodeURIComponent(twin) : '');
    var jsonHeaders = { Accept: 'application/json' };
    if (apiKey) { jsonHeaders['X-API-Key'] = apiKey; }
    var timeout = new Promise(function (resolve) { setTimeout(resolve, 4000, null); });
    var persona = fetch(prefix + '/persona', { headers: jsonHeaders })
      .then(function (res) { return res.ok ? res.json() : null; })
      .catch(function () { return null; });
    Promise.race([persona, timeout]).then(function (info) { build(root, query, base, twin, prefix, jsonHeaders, apiKey, info); });
  }

  function build(root, query, base, twin, prefix, jsonHeaders, apiKey, persona) {
    var lang = language(setting(root, query, 'lang', 'lang')) || language(persona && persona.language) || 'en';
    var t = TEXTS[lang];
    var fullName = persona && typeof persona.full_name === 'string' ? persona.full_name : '';
    var shortName = persona && typeof persona.name === 'string' && persona.name ? persona.name : (fullName || t.twin);
    var storageKey = 'digital-twin-chat:' + base + ':' + (twin || 'default') + ':session';
    var id = 'dt-chat-' + (++mounted);
    var controller = null;

    var box = el('section', 'dt-chat');
    box.setAttribute('aria-labelledby', id + '-title');
    box.lang = lang;
    var header = el('div', 'dt-chat__header');
    var avatar = el('span', 'dt-chat__avatar', fullName ? initials(fullName) : '');
    avatar.setAttribute('aria-hidden', 'true');
    if (persona && persona.photo) {
      var photo = el('img', 'dt-chat__photo');
      photo.alt = '';
      photo.addEventListener('load', function () { avatar.classList.add('dt-chat__avatar--photo'); });
      photo.addEventListener('error', function () { photo.remove(); });
      photo.src = prefix + '/persona/photo';
      avatar.append(photo);
    }
    var heading = el('div', 'dt-chat__heading-group');
    var standalone = root.classList.contains('dt-page__main');
    var title = el(standalone ? 'h1' : 'h2', 'dt-chat__title', setting(root, query, 'title', 'title') || fullName || t.title);
    title.id = id + '-title';
    heading.append(title, el('p', 'dt-chat__subtitle', t.subtitle));
    var reset = el('button', 'dt-chat__new', t.newConversation);
    reset.type = 'button';
    header.append(avatar, heading, reset);
    var log = el('ol', 'dt-chat__log');
    log.setAttribute('aria-label', t.conversation);
    var empty = el('li', 'dt-chat__empty', t.empty);
    log.append(empty);
    var live = el('div', 'dt-chat__sr');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('data-role', 'announcer');
    var error = el('p', 'dt-chat__error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    var form = el('form', 'dt-chat__form');
    var label = el('label', 'dt-chat__label', t.label);
    label.htmlFor = id + '-input';
    var input = el('textarea', 'dt-chat__input');
    input.id = id + '-input';
    input.name = 'message';
    input.rows = 2;
    input.required = true;
    input.setAttribute('aria-describedby', id + '-hint');
    var send = el('button', 'dt-chat__send', t.send);
    send.type = 'submit';
    var stop = el('button', 'dt-chat__stop', t.stop);
    stop.type = 'button';
    stop.hidden = true;
    var hint = el('p', 'dt-chat__hint', t.hint);
    hint.id = id + '-hint';
    form.append(label, input, send, stop, hint);
    box.append(header, log, error, live, form);
    root.append(box);
    if (standalone) {
      document.title = fullName ? format(t.pageTitle, fullName) : title.textContent;
      document.documentElement.lang = lang;
    }

    function showError(text) { error.textContent = text; error.hidden = !text; }

    function problemText(status, body) {
      if (body && (typeof body.detail === 'string' || typeof body.title === 'string')) { return body.detail || body.title; }
      return status === 429 ? t.tooMany : format(t.failed, status);
    }

    function add(role, text, when) {
      if (empty.parentNode) { empty.remove(); }
      var item = el('li', 'dt-chat__msg dt-chat__msg--' + role);
      item.append(el('span', 'dt-chat__who', (role === 'user' ? t.you : shortName) + ': '));
      var body = el('div', 'dt-chat__text');
      if (role === 'user') { body.textContent = text; } else { markdown(body, text); }
      var date = when ? new Date(when) : new Date();
      var time = el('time', 'dt-chat__time', timeLabel(date, lang));
      time.dateTime = date.toISOString();
      time.title = date.toLocaleString(lang);
      item.append(body, time);
      log.append(item);
      log.scrollTop = log.scrollHeight;
      return { item: item, body: body, text: text };
    }

    function typing(reply) {
      var dots = el('span', 'dt-chat__typing');
      dots.append(el('span', 'dt-chat__dot'), el('span', 'dt-chat__dot'), el('span', 'dt-chat__dot'), el('span', 'dt-chat__sr', format(t.typing, shortName)));
      reply.body.append(dots);
      live.textContent = format(t.typing, shortName);
    }

    function loadHistory() {
      var session = localStorage.getItem(storageKey);
      if (!session) { return; }
      fetch(prefix + '/conversation/' + encodeURIComponent(session), { headers: jsonHeaders })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (data) {
          (data && data.messages || []).forEach(function (m) { add(m.role === 'user' ? 'user' : 'assistant', String(m.content), m.timestamp); });
        })
        .catch(function () { showError(t.history); });
    }

    function handle(event, data, reply) {
      if (event === 'session' && data.session_id) { localStorage.setItem(storageKey, data.session_id); }
      if (event === 'delta' && typeof data.text === 'string' && data.text) {
        reply.text += data.text;
        markdown(reply.body, reply.text);
        log.scrollTop = log.scrollHeight;
      }
      if (event === 'done') { reply.item.classList.remove('dt-chat__msg--pending'); live.textContent = reply.body.textContent; reply.done = true; }
      if (event === 'error') { throw new Error(problemText(data.status || 500, data)); }
    }

    async function stream(message, reply, signal) {
      var headers = { Accept: 'text/event-stream', 'Content-Type': 'application/json' };
      if (apiKey) { headers['X-API-Key'] = apiKey; }
      var res = await fetch(prefix + '/chat/stream', {
        method: 'POST', headers: headers, signal: signal,
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
      if (!reply.done) { throw new Error(t.cut); }
    }

    function setBusy(busy) {
      send.disabled = busy;
      send.hidden = busy;
      stop.hidden = !busy;
      if (busy) { log.setAttribute('aria-busy', 'true'); } else { log.removeAttribute('aria-busy'); }
    }

    async function submit() {
      var message = input.value.trim();
      if (!message || controller) { return; }
      controller = new AbortController();
      setBusy(true);
      showError('');
      var asked = add('user', message);
      input.value = '';
      var reply = add('assistant', '');
      reply.item.classList.add('dt-chat__msg--pending');
      typing(reply);
      try {
        await stream(message, reply, controller.signal);
      } catch (e) {
        var stopped = controller.signal.aborted;
        reply.item.classList.remove('dt-chat__msg--pending');
        // Nothing was stored: a failed or stopped turn with no text leaves no bubbles behind, a cut one is marked; the message goes back to the input.
        if (reply.text) {
          reply.item.classList.add('dt-chat__msg--cut');
          reply.item.insertBefore(el('p', 'dt-chat__note', stopped ? t.stopped : t.cut), reply.item.lastChild);
        } else {
          reply.item.remove();
          asked.item.remove();
          if (!input.value) { input.value = message; }
        }
        if (!log.querySelector('.dt-chat__msg')) { log.append(empty); }
        live.textContent = stopped ? t.stopped : '';
        if (!stopped) { showError(e instanceof TypeError ? t.offline : e.message); }
      } finally {
        controller = null;
        setBusy(false);
        input.focus();
      }
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    });
    stop.addEventListener('click', function () { if (controller) { controller.abort(); } });
    reset.addEventListener('click', function () {
      if (controller) { controller.abort(); }
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
