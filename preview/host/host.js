/*
 * Tandem local preview — the host page's script (the part of "Jira" or "Confluence" around the
 * app). It owns the identity/locale/theme switcher, creates the sandboxed frames, and answers
 * the frames' bridge calls: invoke goes to POST /api/invoke, where the server runs the real
 * resolver as the user of this browser session. The frames never see or send the identity.
 */
(function () {
  'use strict';

  var FRAME = 'tandem-preview-frame';
  var HOST = 'tandem-preview-host';
  var dataNode = document.getElementById('tandem-host-data');
  var data = dataNode ? JSON.parse(dataNode.textContent || '{}') : {};
  var frames = [];
  // Frames come from another port of the same host name: another origin, as in Forge.
  var frameOrigin = window.location.protocol + '//' + window.location.hostname + ':' + String(data.framePort);

  function text(key) {
    return (data.text && data.text[key]) || key;
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body)
    });
  }

  // ---- switcher ---------------------------------------------------------------------------
  function setupSwitcher() {
    var form = document.getElementById('tandem-switcher');
    if (!form) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
    });
    ['switch-user', 'switch-locale', 'switch-theme', 'switch-license'].forEach(function (id) {
      var select = document.getElementById(id);
      if (!select) return;
      select.addEventListener('change', function () {
        var body = {};
        body[select.name] = select.value;
        form.setAttribute('aria-busy', 'true');
        postJson('/api/session', body)
          .then(function (res) {
            if (!res.ok) throw new Error('session update failed: ' + res.status);
            window.location.reload();
          })
          .catch(function (error) {
            form.removeAttribute('aria-busy');
            showFlag({
              id: 'session',
              type: 'error',
              title: text('sessionFailed'),
              description: String(error.message || error)
            });
          });
      });
    });
  }

  // ---- flags --------------------------------------------------------------------------------
  var flagTimers = {};
  function showFlag(options) {
    var area = document.getElementById('tandem-flags');
    if (!area || !options) return true;
    var id = String(options.id);
    closeFlag({ id: id });
    var flag = document.createElement('div');
    flag.className =
      'flag flag-' +
      (['success', 'warning', 'error', 'info'].indexOf(options.type) >= 0 ? options.type : 'info');
    flag.setAttribute('role', options.type === 'error' || options.type === 'warning' ? 'alert' : 'status');
    flag.setAttribute('data-flag-id', id);
    var title = document.createElement('strong');
    title.className = 'flag-title';
    title.textContent = options.title ? String(options.title) : '';
    flag.appendChild(title);
    if (options.description) {
      var description = document.createElement('p');
      description.className = 'flag-description';
      description.textContent = String(options.description);
      flag.appendChild(description);
    }
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'flag-close';
    close.setAttribute('aria-label', text('dismiss'));
    close.textContent = '×';
    close.addEventListener('click', function () {
      closeFlag({ id: id });
    });
    flag.appendChild(close);
    area.appendChild(flag);
    if (options.isAutoDismiss) {
      flagTimers[id] = setTimeout(function () {
        closeFlag({ id: id });
      }, 8000);
    }
    return true;
  }

  function closeFlag(options) {
    var id = options && String(options.id);
    var area = document.getElementById('tandem-flags');
    if (!area || !id) return true;
    Array.prototype.forEach.call(area.querySelectorAll('.flag'), function (node) {
      if (node.getAttribute('data-flag-id') === id) node.remove();
    });
    if (flagTimers[id]) {
      clearTimeout(flagTimers[id]);
      delete flagTimers[id];
    }
    return true;
  }

  // ---- navigation (router.navigate / router.open) -----------------------------------------------
  function urlFor(location) {
    if (!location) return null;
    if (typeof location.url === 'string') {
      var url = location.url;
      if (/^\/browse\/[A-Z][A-Z0-9]+-\d+/.test(url)) return '/jira' + url;
      if (/^(https?:)?\/\//i.test(url) || url.charAt(0) === '/') return url;
      return null;
    }
    switch (location.target) {
      case 'issue':
        return location.issueKey ? '/jira/browse/' + encodeURIComponent(location.issueKey) : null;
      case 'projectSettingsDetails':
      case 'projectPage':
        return location.projectKey ? '/jira/projects/' + encodeURIComponent(location.projectKey) : null;
      case 'contentView':
      case 'contentEdit':
        return location.contentId ? '/wiki/pages/' + encodeURIComponent(location.contentId) : null;
      case 'module':
        return location.moduleKey ? '/surface/' + encodeURIComponent(location.moduleKey) : null;
      case 'dashboard':
      case 'userProfile':
      default:
        return null;
    }
  }

  function navigate(location) {
    var url = urlFor(location);
    console.info(
      '[tandem preview] router ' + (location && location.type === 'new-tab' ? 'open' : 'navigate'),
      location,
      '→',
      url
    );
    if (!url) {
      showFlag({
        id: 'navigate',
        type: 'info',
        title: text('navigationLogged'),
        description: JSON.stringify(location),
        isAutoDismiss: true
      });
      return true;
    }
    var safe = /^(https?:)?\/\//i.test(url) || url.charAt(0) === '/';
    if (!safe) return false;
    if (location.type === 'new-tab') {
      window.open(url, '_blank', 'noopener,noreferrer');
    } else {
      window.location.assign(url);
    }
    return true;
  }

  // ---- frames -------------------------------------------------------------------------------------
  function frameFor(source) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === source) return frames[i];
    }
    return null;
  }

  function reply(frame, id, ok, result, error) {
    frame.iframe.contentWindow.postMessage(
      { source: HOST, type: 'response', id: id, ok: ok, result: result, error: error },
      frameOrigin
    );
  }

  function readError(res) {
    return res
      .json()
      .catch(function () {
        return null;
      })
      .then(function (body) {
        var message = body && body.error && body.error.message ? body.error.message : 'HTTP ' + res.status;
        throw new Error(message);
      });
  }

  // Forge Realtime: one server-sent event stream per subscription; the server scopes it from
  // this frame's module and location (its own context), and every session on the same scope
  // receives what any of them publishes.
  function realtimeSubscribe(frame, payload) {
    var spec = frame.spec;
    var query = JSON.stringify({
      moduleKey: spec.moduleKey,
      channel: payload && payload.channelName,
      isGlobal: !!(payload && payload.isGlobal),
      options: (payload && payload.options) || undefined,
      location: spec.location
    });
    var subId = payload && payload.subId;
    var source = new window.EventSource('/api/realtime?q=' + encodeURIComponent(query));
    frame.realtime = frame.realtime || {};
    frame.realtime[subId] = source;
    source.onmessage = function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      frame.iframe.contentWindow.postMessage(
        { source: HOST, type: 'realtime', subId: subId, payload: data },
        frameOrigin
      );
    };
    return new Promise(function (resolve, reject) {
      var opened = false;
      source.onopen = function () {
        opened = true;
        resolve(true);
      };
      source.onerror = function () {
        // Before the stream opened, the subscription failed (e.g. 403); after, EventSource retries.
        if (!opened) {
          source.close();
          delete frame.realtime[subId];
          reject(new Error('Realtime subscription refused'));
        }
      };
    });
  }

  function handle(frame, type, payload) {
    var spec = frame.spec;
    switch (type) {
      case 'getContext':
        return Promise.resolve(spec.context);
      case 'getTheme':
        return Promise.resolve(data.theme === 'dark' ? 'dark' : 'light');
      case 'invoke':
        return postJson('/api/invoke', {
          moduleKey: spec.moduleKey,
          functionKey: payload && payload.functionKey,
          payload: payload && payload.payload,
          location: spec.location
        }).then(function (res) {
          if (!res.ok) return readError(res);
          return res.json();
        });
      case 'fetchProduct':
        return postJson('/api/product-fetch', payload).then(function (res) {
          if (!res.ok) return readError(res);
          return res.json();
        });
      case 'showFlag':
        return Promise.resolve(showFlag(payload));
      case 'closeFlag':
        return Promise.resolve(closeFlag(payload));
      case 'navigate':
        return Promise.resolve(navigate(payload));
      case 'getUrl': {
        var target = urlFor(payload);
        return Promise.resolve(target ? new URL(target, window.location.origin).toString() : null);
      }
      case 'reload':
        window.location.reload();
        return Promise.resolve(true);
      case 'refresh':
        frame.iframe.setAttribute('src', frame.iframe.getAttribute('src'));
        return Promise.resolve(true);
      case 'changeWindowTitle':
        document.title = String(payload);
        return Promise.resolve(true);
      case 'submit':
        console.info('[tandem preview] view.submit', payload);
        if (spec.kind === 'macro-config') {
          // Stored for this instance (or a new one: insert flow), then the page reloads the macro
          // frame with its new extension.config, as Confluence re-renders the macro.
          return postJson('/api/macro-config', {
            moduleKey: spec.moduleKey,
            location: spec.location,
            config: (payload && payload.config) || {}
          }).then(function (res) {
            if (!res.ok) return readError(res);
            return res.json().then(function (saved) {
              showFlag({ id: 'submit', type: 'success', title: text('submitted'), isAutoDismiss: true });
              window.location.assign('/wiki/pages/' + encodeURIComponent(saved.pageId));
              return true;
            });
          });
        }
        return Promise.resolve(false);
      case 'close':
      case 'open':
        console.info('[tandem preview] view.' + type, payload);
        return Promise.resolve(false);
      case 'onClose':
        return Promise.resolve(true);
      case 'realtimeSubscribe':
        return realtimeSubscribe(frame, payload);
      case 'realtimeUnsubscribe': {
        var open = frame.realtime && payload && frame.realtime[payload.subId];
        if (open) {
          open.close();
          delete frame.realtime[payload.subId];
        }
        return Promise.resolve(true);
      }
      case 'realtimePublish':
        return postJson('/api/realtime', {
          moduleKey: spec.moduleKey,
          channel: payload && payload.channelName,
          isGlobal: !!(payload && payload.isGlobal),
          options: (payload && payload.options) || undefined,
          location: spec.location,
          payload: payload && payload.payload
        }).then(function (res) {
          if (!res.ok) return readError(res);
          return res.json();
        });
      case 'emit':
        frames.forEach(function (other) {
          if (other !== frame && payload && payload.event) {
            other.iframe.contentWindow.postMessage(
              { source: HOST, type: 'event', event: payload.event, payload: payload.payload },
              frameOrigin
            );
          }
        });
        return Promise.resolve(true);
      default:
        return Promise.reject(new Error('The preview host does not handle "' + type + '".'));
    }
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== frameOrigin) return;
    var message = event.data;
    if (!message || message.source !== FRAME) return;
    var frame = frameFor(event.source);
    if (!frame) return;
    if (message.type === 'resize') {
      var height = Number(message.height);
      if (height > 0) frame.iframe.height = String(Math.min(Math.ceil(height), 20000));
      return;
    }
    handle(frame, message.type, message.payload).then(
      function (result) {
        reply(frame, message.id, true, result === undefined ? null : result);
      },
      function (error) {
        reply(frame, message.id, false, null, String((error && error.message) || error));
      }
    );
  });

  function mountFrames() {
    (data.frames || []).forEach(function (spec) {
      var slot = document.getElementById(spec.slotId);
      if (!slot) return;
      var iframe = document.createElement('iframe');
      // Forge's Custom UI iframe sandbox (developer.atlassian.com/platform/forge/custom-ui/iframe).
      iframe.setAttribute(
        'sandbox',
        'allow-downloads allow-forms allow-modals allow-pointer-lock allow-popups allow-same-origin allow-scripts'
      );
      iframe.setAttribute('title', spec.title);
      iframe.setAttribute('data-module-key', spec.moduleKey);
      iframe.className = 'surface-frame surface-frame-' + spec.kind;
      var frame = { iframe: iframe, spec: spec };
      frames.push(frame);
      iframe.src = frameOrigin + spec.src;
      slot.appendChild(iframe);
    });
  }

  // ---- the issue view's status button (Jira's transition menu) ------------------------------------
  // Lists the issue's transitions and performs one through the embedded Jira's real REST API, as
  // the session's user (POST /api/issue-transitions). A workflow validator's refusal comes back
  // as Jira's 400 message, shown in an error flag and a banner above the issue.
  function setupStatusMenu() {
    var menu = document.querySelector('.status-menu');
    var button = document.getElementById('status-button');
    var list = document.getElementById('status-options');
    var banner = document.getElementById('transition-error');
    if (!menu || !button || !list) return;
    var issueKey = menu.getAttribute('data-issue-key');
    var busy = false;

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="menuitem"]'));
    }
    function close(focusButton) {
      list.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      if (focusButton) button.focus();
    }
    function showCurrent(current) {
      if (!current) return;
      document.getElementById('status-name').textContent = current.name;
      button.className = 'status-button status-' + current.category;
    }
    function showError(title, messages) {
      var message = messages && messages.length ? messages.join(' ') : title;
      if (banner) {
        banner.textContent = '';
        var strong = document.createElement('strong');
        strong.textContent = title;
        banner.appendChild(strong);
        var p = document.createElement('p');
        p.className = 'banner-message';
        p.textContent = message;
        banner.appendChild(p);
        banner.hidden = false;
      }
      showFlag({ id: 'transition', type: 'error', title: title, description: message });
    }
    function perform(transition) {
      if (busy) return;
      busy = true;
      close(true);
      button.setAttribute('aria-busy', 'true');
      postJson('/api/issue-transitions', { issueKey: issueKey, transitionId: transition.id })
        .then(function (res) {
          if (!res.ok) return readError(res);
          return res.json();
        })
        .then(function (answer) {
          if (answer.status >= 200 && answer.status < 300) {
            if (banner) banner.hidden = true;
            showCurrent(answer.current);
            showFlag({
              id: 'transition',
              type: 'success',
              title: text('transitioned').replace(
                '{status}',
                answer.current ? answer.current.name : transition.to
              ),
              isAutoDismiss: true
            });
          } else {
            showError(
              answer.status === 400 ? text('transitionBlocked') : text('transitionFailed'),
              answer.errorMessages
            );
          }
        })
        .catch(function (error) {
          showError(text('transitionFailed'), [String((error && error.message) || error)]);
        })
        .then(function () {
          busy = false;
          button.removeAttribute('aria-busy');
        });
    }
    function open() {
      list.textContent = '';
      list.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      fetch('/api/issue-transitions?issueKey=' + encodeURIComponent(issueKey), {
        credentials: 'same-origin',
        headers: { accept: 'application/json' }
      })
        .then(function (res) {
          if (!res.ok) return readError(res);
          return res.json();
        })
        .then(function (answer) {
          showCurrent(answer.current);
          var transitions = answer.transitions || [];
          if (transitions.length === 0) {
            var none = document.createElement('li');
            none.setAttribute('role', 'none');
            none.className = 'status-empty';
            none.textContent = text('noTransitions');
            list.appendChild(none);
            return;
          }
          transitions.forEach(function (transition) {
            var li = document.createElement('li');
            li.setAttribute('role', 'none');
            var item = document.createElement('button');
            item.type = 'button';
            item.setAttribute('role', 'menuitem');
            item.setAttribute('tabindex', '-1');
            item.setAttribute('data-transition-id', transition.id);
            item.textContent = transition.name;
            item.addEventListener('click', function () {
              perform(transition);
            });
            li.appendChild(item);
            list.appendChild(li);
          });
          var first = items()[0];
          if (first) first.focus();
        })
        .catch(function (error) {
          close(false);
          showError(text('transitionFailed'), [String((error && error.message) || error)]);
        });
    }

    button.addEventListener('click', function () {
      if (list.hidden) open();
      else close(false);
    });
    list.addEventListener('keydown', function (event) {
      var all = items();
      var index = all.indexOf(document.activeElement);
      if (event.key === 'Escape') {
        event.preventDefault();
        close(true);
      } else if (event.key === 'ArrowDown' && all.length) {
        event.preventDefault();
        all[(index + 1) % all.length].focus();
      } else if (event.key === 'ArrowUp' && all.length) {
        event.preventDefault();
        all[(index - 1 + all.length) % all.length].focus();
      } else if (event.key === 'Tab') {
        close(false);
      }
    });
    document.addEventListener('click', function (event) {
      if (!list.hidden && !menu.contains(event.target)) close(false);
    });
  }

  setupSwitcher();
  setupStatusMenu();
  mountFrames();
})();
