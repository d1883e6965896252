/* Shared helpers of the console's panels: elements, JSON calls to /console/api, live events.
 * Plain JS over React's UMD build; every URL is relative, so http, https and the mock's TLS
 * port all work. */
(function () {
  "use strict";
  var h = React.createElement;

  function api(method, path, body, raw) {
    var init = { method: method, headers: {} };
    if (raw !== undefined) {
      init.body = raw;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["content-type"] = "application/json";
    }
    return fetch("/console/api" + path, init).then(function (r) {
      return r.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (!r.ok) {
          var err = new Error(errorMessage(data) || ("HTTP " + r.status));
          err.body = data;
          throw err;
        }
        return data;
      });
    });
  }

  /* The message of an error in any of the services' shapes (AppSync, DynamoDB, S3, Lambda). */
  function errorMessage(data) {
    if (!data) { return ""; }
    if (data.errors && data.errors[0]) { return data.errors[0].errorType + ": " + data.errors[0].message; }
    if (data.Error) { return data.Error.Code + ": " + data.Error.Message; }
    if (data.__type) { return String(data.__type).split("#").pop() + ": " + (data.message || data.Message); }
    return data.message || data.Message || "";
  }

  /* A websocket on /console/api/events for `topics`, reconnecting; calls onEvent(topic, payload). */
  function events(topics, onEvent) {
    var closed = false, socket = null;
    function open() {
      var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host +
        "/console/api/events?topics=" + topics.join(",");
      socket = new WebSocket(url);
      socket.onmessage = function (event) {
        var msg = JSON.parse(event.data);
        onEvent(msg.topic, msg.payload);
      };
      socket.onclose = function () { if (!closed) { setTimeout(open, 1000); } };
    }
    open();
    return function () { closed = true; if (socket) { socket.close(); } };
  }

  function pretty(value) {
    if (value === undefined) { return ""; }
    if (typeof value === "string") { return value; }
    return JSON.stringify(value, null, 2);
  }

  function ms(ns) { return (ns / 1e6).toFixed(2) + " ms"; }

  function Pre(props) {
    return h("pre", { className: "am-pre", "data-testid": props.testid }, pretty(props.value));
  }

  function ErrorLine(props) {
    return props.error ? h("div", { className: "am-error", "data-testid": props.testid || "panel-error" }, props.error) : null;
  }

  window.AmplifyConsole = { h: h, api: api, events: events, pretty: pretty, ms: ms, Pre: Pre,
    ErrorLine: ErrorLine, errorMessage: errorMessage, panels: {} };
})();
