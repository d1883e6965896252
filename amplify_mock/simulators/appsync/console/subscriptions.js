/* The subscriptions panel: start any number of subscriptions (AppSync's realtime protocol, with
 * the auth chosen in the toolbar) and watch each one's events live. */
(function () {
  "use strict";
  var C = window.AmplifyConsole, h = C.h;
  var counter = 0;

  function SubscriptionsPanel(props) {
    var docState = React.useState(""), doc = docState[0], setDoc = docState[1];
    var varsState = React.useState("{}"), vars = varsState[0], setVars = varsState[1];
    var subsState = React.useState([]), subs = subsState[0], setSubs = subsState[1];
    var errState = React.useState(""), error = errState[0], setError = errState[1];
    var fieldsState = React.useState([]), fields = fieldsState[0], setFields = fieldsState[1];
    React.useEffect(function () {
      // the subscription fields and their scalar fields, for a ready-made document
      var q = "{ __schema { subscriptionType { fields { name args { name } type { name kind fields { name type { kind ofType { kind } } } } } } } }";
      fetch("/graphql", { method: "POST", headers: Object.assign({ "content-type": "application/json" }, props.headers()), body: JSON.stringify({ query: q }) })
        .then(function (r) { return r.json(); }).then(function (body) {
          var type = body.data && body.data.__schema.subscriptionType;
          var list = (type ? type.fields : []).map(function (f) {
            var scalars = (f.type.fields || []).filter(function (x) {
              var kind = x.type.kind === "NON_NULL" ? x.type.ofType.kind : x.type.kind;
              return kind === "SCALAR" || kind === "ENUM";
            }).map(function (x) { return x.name; });
            return { name: f.name, document: "subscription On { " + f.name + " { " + (scalars.length ? scalars.join(" ") : "__typename") + " } }" };
          });
          setFields(list);
          if (list.length) { setDoc(function (old) { return old || list[0].document; }); }
        }, function () {});
    }, []);
    function start() {
      var variables;
      try { variables = JSON.parse(vars || "{}"); } catch (err) { setError("Variables: " + err.message); return; }
      setError("");
      var id = ++counter;
      var entry = { id: id, document: doc, events: [], status: "connecting" };
      setSubs(function (old) { return [entry].concat(old); });
      function update(change) {
        setSubs(function (old) { return old.map(function (s) { return s.id === id ? Object.assign({}, s, change(s)) : s; }); });
      }
      var iterator = props.subscribe({ query: doc, variables: variables }, props.headers(), function () { update(function () { return { status: "listening" }; }); });
      entry.stop = function () { iterator.return(); update(function () { return { status: "stopped" }; }); };
      (function next() {
        iterator.next().then(function (item) {
          if (item.done) { update(function (s) { return { status: s.status === "stopped" ? "stopped" : "closed" }; }); return; }
          update(function (s) { return { events: [{ at: new Date().toISOString(), value: item.value }].concat(s.events) }; });
          next();
        });
      })();
    }
    return h("div", { className: "am-panel", "data-testid": "subscriptions-panel" },
      h("div", { className: "am-row" },
        h("label", null, "Field ", h("select", { "data-testid": "subscription-field", onChange: function (e) {
          var f = fields.filter(function (x) { return x.name === e.target.value; })[0];
          if (f) { setDoc(f.document); }
        } }, fields.map(function (f) { return h("option", { key: f.name, value: f.name }, f.name); })))),
      h("textarea", { value: doc, rows: 4, className: "am-wide", "data-testid": "subscription-document", onChange: function (e) { setDoc(e.target.value); } }),
      h("div", { className: "am-row" },
        h("label", null, "Variables ", h("input", { value: vars, "data-testid": "subscription-variables", onChange: function (e) { setVars(e.target.value); } })),
        h("button", { "data-testid": "subscribe", onClick: start }, "Subscribe")),
      h(C.ErrorLine, { error: error }),
      subs.map(function (s) {
        return h("div", { key: s.id, className: "am-sub", "data-testid": "subscription" },
          h("div", { className: "am-row" },
            h("code", null, s.document.replace(/\s+/g, " ").slice(0, 120)),
            h("span", { className: "am-muted", "data-testid": "subscription-status" }, s.status + " \u00b7 " + s.events.length + " events"),
            s.status === "listening" || s.status === "connecting" ? h("button", { onClick: s.stop }, "Stop") : null),
          s.events.map(function (e, i) {
            return h("div", { key: s.events.length - i, className: "am-event", "data-testid": "subscription-event" },
              h("span", { className: "am-muted" }, e.at + " "), h(C.Pre, { value: e.value }));
          }));
      }));
  }

  C.panels.SubscriptionsPanel = SubscriptionsPanel;
})();
