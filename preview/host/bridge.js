/*
 * Tandem local preview: the `__bridge` global that Forge's host page injects into a Custom UI
 * iframe. The real @forge/bridge (bundled unchanged in the app) calls
 * `globalThis.__bridge.callBridge(name, payload)`; this file answers those calls by talking to
 * the preview host page (the iframe's parent) over postMessage. The host page forwards
 * `invoke` to `POST /api/invoke`, where the server runs the real resolver as the preview user.
 *
 * Served by the preview at /__tandem_preview__/bridge.js and inserted into the surface's
 * index.html at serve time, never written into static/<surface>/build.
 * Plain ES2017 script, no build step, no inline code: Forge's CSP applies to it too.
 */
(function () {
  'use strict';

  if (window.__bridge && window.__bridge.callBridge) {
    return;
  }

  var HOST = 'tandem-preview-host';
  var FRAME = 'tandem-preview-frame';
  var TOKENS_CSS = '/__tandem_preview__/tokens.css';
  // The same attribute value @atlaskit/tokens' getThemeHtmlAttrs() produces for the default
  // Atlassian themes; the token CSS selects on html[data-color-mode][data-theme~="light:light"].
  var THEME_ATTR = 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography';

  var parentWindow = window.parent;
  // The frame lives on its own origin (like Forge's CDN); messages go to the host page's origin only.
  var hostOrigin = (function () {
    if (window.location.ancestorOrigins && window.location.ancestorOrigins.length > 0) {
      return window.location.ancestorOrigins[0];
    }
    try {
      return document.referrer ? new URL(document.referrer).origin : null;
    } catch {
      return null;
    }
  })();
  var nextId = 1;
  var pending = {};
  var themingEnabled = false;
  var closeHandlers = [];
  var eventHandlers = {};
  // Forge Realtime subscriptions of this frame: id → the callback given to realtime.subscribe.
  var realtimeHandlers = {};
  var realtimeSeq = 0;

  function BridgeError(message) {
    var error = new Error(message);
    error.name = 'BridgeAPIError';
    return error;
  }

  function send(type, payload) {
    return new Promise(function (resolve, reject) {
      if (!parentWindow || parentWindow === window || !hostOrigin) {
        reject(BridgeError('The Tandem preview bridge needs the preview host page around this frame.'));
        return;
      }
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      parentWindow.postMessage({ source: FRAME, id: id, type: type, payload: payload }, hostOrigin);
    });
  }

  function applyTheme(colorMode) {
    var mode = colorMode === 'dark' ? 'dark' : 'light';
    var html = document.documentElement;
    if (!document.querySelector('link[data-tandem-preview-tokens]')) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = TOKENS_CSS;
      link.setAttribute('data-tandem-preview-tokens', '');
      (document.head || html).appendChild(link);
    }
    html.setAttribute('data-theme', THEME_ATTR);
    html.setAttribute('data-color-mode', mode);
  }

  function onHostMessage(event) {
    if (event.source !== parentWindow || event.origin !== hostOrigin) {
      return;
    }
    var message = event.data;
    if (!message || message.source !== HOST) {
      return;
    }
    if (message.type === 'response') {
      var entry = pending[message.id];
      if (!entry) {
        return;
      }
      delete pending[message.id];
      if (message.ok) {
        entry.resolve(message.result);
      } else {
        entry.reject(BridgeError(message.error || 'The preview host refused the call.'));
      }
      return;
    }
    if (message.type === 'theme' && themingEnabled) {
      applyTheme(message.colorMode);
      return;
    }
    if (message.type === 'close-requested') {
      closeHandlers.forEach(function (handler) {
        try {
          handler();
        } catch (error) {
          console.error(error);
        }
      });
      return;
    }
    if (message.type === 'realtime' && realtimeHandlers[message.subId]) {
      try {
        realtimeHandlers[message.subId](message.payload);
      } catch (error) {
        console.error(error);
      }
      return;
    }
    if (message.type === 'event' && message.event && eventHandlers[message.event]) {
      eventHandlers[message.event].forEach(function (handler) {
        handler(message.payload);
      });
    }
  }

  window.addEventListener('message', onHostMessage);

  // Like Forge's iframe-resizer: report the content height so the host sizes the frame.
  function reportHeight() {
    if (!hostOrigin || parentWindow === window) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    parentWindow.postMessage({ source: FRAME, type: 'resize', height: height }, hostOrigin);
  }
  var heightQueued = false;
  function queueHeight() {
    if (heightQueued) return;
    heightQueued = true;
    window.requestAnimationFrame(function () {
      heightQueued = false;
      reportHeight();
    });
  }
  function watchHeight() {
    if ('ResizeObserver' in window) {
      var observer = new ResizeObserver(queueHeight);
      observer.observe(document.documentElement);
      if (document.body) observer.observe(document.body);
    }
    new MutationObserver(queueHeight).observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true
    });
    window.addEventListener('load', queueHeight);
    queueHeight();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watchHeight);
  } else {
    watchHeight();
  }

  // view.createHistory(): an in-frame history, like the one Forge hands to full-page modules.
  function createHistory() {
    var entries = [{ pathname: '/', search: '', hash: '', state: null, key: 'default' }];
    var index = 0;
    var listeners = [];
    function notify(action) {
      var location = entries[index];
      listeners.slice().forEach(function (listener) {
        listener(location, action);
      });
    }
    function parse(to, state) {
      var path = typeof to === 'string' ? to : (to.pathname || '/') + (to.search || '') + (to.hash || '');
      var hashAt = path.indexOf('#');
      var hash = hashAt >= 0 ? path.slice(hashAt) : '';
      var rest = hashAt >= 0 ? path.slice(0, hashAt) : path;
      var searchAt = rest.indexOf('?');
      return {
        pathname: searchAt >= 0 ? rest.slice(0, searchAt) : rest,
        search: searchAt >= 0 ? rest.slice(searchAt) : '',
        hash: hash,
        state: state === undefined ? null : state,
        key: String(Date.now()) + String(nextId++)
      };
    }
    var history = {
      get length() {
        return entries.length;
      },
      action: 'POP',
      location: entries[0],
      push: function (to, state) {
        entries = entries.slice(0, index + 1);
        entries.push(parse(to, state));
        index = entries.length - 1;
        history.action = 'PUSH';
        notify('PUSH');
      },
      replace: function (to, state) {
        entries[index] = parse(to, state);
        history.action = 'REPLACE';
        notify('REPLACE');
      },
      go: function (delta) {
        var target = Math.max(0, Math.min(entries.length - 1, index + delta));
        if (target !== index) {
          index = target;
          history.action = 'POP';
          notify('POP');
        }
      },
      back: function () {
        history.go(-1);
      },
      forward: function () {
        history.go(1);
      },
      listen: function (listener) {
        listeners.push(listener);
        return function () {
          listeners = listeners.filter(function (l) {
            return l !== listener;
          });
        };
      },
      block: function () {
        return function () {};
      },
      createHref: function (to) {
        return typeof to === 'string' ? to : (to.pathname || '/') + (to.search || '') + (to.hash || '');
      }
    };
    return history;
  }

  function callBridge(name, payload) {
    switch (name) {
      case 'getContext':
        return send('getContext');
      case 'invoke': {
        var call = { functionKey: payload && payload.functionKey, payload: payload && payload.payload };
        return send('invoke', call).then(function (result) {
          // @forge/bridge: with metadata the bridge answers { body, metadata }.
          return payload && payload.metadata !== undefined ? { body: result, metadata: {} } : result;
        });
      }
      case 'enableTheming':
        themingEnabled = true;
        return send('getTheme').then(function (colorMode) {
          applyTheme(colorMode);
        });
      case 'submit':
      case 'close':
      case 'open':
      case 'refresh':
      case 'reload':
      case 'getUrl':
      case 'changeWindowTitle':
      case 'showFlag':
      case 'closeFlag':
      case 'fetchProduct':
        return send(name, payload === undefined ? null : payload);
      case 'navigate':
        return send('navigate', payload);
      case 'onClose':
        if (typeof payload === 'function') {
          closeHandlers.push(payload);
        }
        return send('onClose', null);
      case 'createHistory':
        return Promise.resolve(createHistory());
      case 'emit':
      case 'emitPublic':
        return send('emit', { event: payload && payload.event, payload: payload && payload.payload });
      case 'on':
      case 'onPublic': {
        var eventName = payload && payload.event;
        var callback = payload && payload.callback;
        if (eventName && typeof callback === 'function') {
          (eventHandlers[eventName] = eventHandlers[eventName] || []).push(callback);
        }
        return Promise.resolve({
          unsubscribe: function () {
            eventHandlers[eventName] = (eventHandlers[eventName] || []).filter(function (h) {
              return h !== callback;
            });
          }
        });
      }
      case 'subscribeRealtimeChannel': {
        // The callback stays here (functions do not cross postMessage); the host streams events.
        var subId = 'rt-' + String(++realtimeSeq);
        var onEvent = payload && payload.onEvent;
        var subscribe = {
          subId: subId,
          channelName: payload && payload.channelName,
          isGlobal: !!(payload && payload.isGlobal),
          options:
            payload && payload.options && payload.options.contextOverrides
              ? { contextOverrides: payload.options.contextOverrides }
              : undefined
        };
        return send('realtimeSubscribe', subscribe).then(function () {
          if (typeof onEvent === 'function') realtimeHandlers[subId] = onEvent;
          return {
            unsubscribe: function () {
              delete realtimeHandlers[subId];
              return send('realtimeUnsubscribe', { subId: subId }).then(function () {
                return undefined;
              });
            }
          };
        });
      }
      case 'publishRealtimeChannel': {
        var eventPayload = payload && payload.eventPayload;
        return send('realtimePublish', {
          channelName: payload && payload.channelName,
          isGlobal: !!(payload && payload.isGlobal),
          payload: typeof eventPayload === 'string' ? eventPayload : JSON.stringify(eventPayload),
          options:
            payload && payload.options && payload.options.contextOverrides
              ? { contextOverrides: payload.options.contextOverrides }
              : undefined
        });
      }
      case 'emitReadyEvent':
      case 'emitFrontendCustomMetric':
        return Promise.resolve(true);
      case 'getCookieConsentPreferences':
        return Promise.resolve({
          strictlyNecessary: true,
          functional: false,
          analytics: false,
          marketing: false
        });
      case 'isRovoEnabled':
        return Promise.resolve(false);
      case 'initFeatureFlags':
        return Promise.resolve({});
      default:
        console.warn('[tandem preview] @forge/bridge call "' + name + '" is not implemented by the preview.');
        return Promise.reject(BridgeError('The Tandem preview does not implement "' + name + '".'));
    }
  }

  Object.defineProperty(window, '__bridge', {
    value: Object.freeze({ callBridge: callBridge }),
    writable: false,
    configurable: false
  });
})();
