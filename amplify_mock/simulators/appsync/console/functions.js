/* The functions panel: invoke a project function with a JSON event; its result (or error) and
 * the lines it printed. */
(function () {
  "use strict";
  var C = window.AmplifyConsole, h = C.h;

  function FunctionsPanel() {
    var listState = React.useState([]), list = listState[0], setList = listState[1];
    var nameState = React.useState(""), name = nameState[0], setName = nameState[1];
    var eventState = React.useState("{}"), event = eventState[0], setEvent = eventState[1];
    var resultState = React.useState(null), result = resultState[0], setResult = resultState[1];
    var errState = React.useState(""), error = errState[0], setError = errState[1];
    var busyState = React.useState(false), busy = busyState[0], setBusy = busyState[1];
    React.useEffect(function () {
      C.api("GET", "/functions").then(function (body) {
        setList(body.Functions);
        if (body.Functions.length) { setName(body.Functions[0].FunctionName); }
      }, function (err) { setError(err.message); });
    }, []);
    function invoke() {
      var payload;
      try { payload = JSON.parse(event || "null"); } catch (err) { setError("The event is not JSON: " + err.message); return; }
      setError(""); setBusy(true); setResult(null);
      C.api("POST", "/functions/" + encodeURIComponent(name) + "/invoke", payload).then(function (body) { setBusy(false); setResult(body); },
        function (err) { setBusy(false); setError(err.message); });
    }
    return h("div", { className: "am-panel", "data-testid": "functions-panel" },
      h("div", { className: "am-row" },
        h("label", null, "Function ", h("select", { value: name, "data-testid": "function-select", onChange: function (e) { setName(e.target.value); } },
          list.map(function (f) { return h("option", { key: f.FunctionName, value: f.FunctionName }, f.FunctionName); }))),
        h("button", { "data-testid": "invoke", disabled: busy || !name, onClick: invoke }, busy ? "Invoking..." : "Invoke")),
      h("label", null, "Event (JSON)"),
      h("textarea", { value: event, rows: 8, className: "am-wide", "data-testid": "function-event", onChange: function (e) { setEvent(e.target.value); } }),
      h(C.ErrorLine, { error: error, testid: "function-error" }),
      result ? h("div", { "data-testid": "function-result" },
        h("div", { className: result.FunctionError ? "am-error" : "am-ok", "data-testid": "function-status" },
          (result.FunctionError ? "FunctionError: " + result.FunctionError : "StatusCode " + result.StatusCode) + " \u00b7 " + result.DurationMs + " ms"),
        h("b", null, "Result"), h(C.Pre, { value: result.Payload, testid: "function-payload" }),
        h("b", null, "Logs"),
        h("pre", { className: "am-pre", "data-testid": "function-logs" },
          result.Logs.map(function (l) { return (l.stream === "stderr" ? "[stderr] " : "") + l.line; }).join("\n"))) : null);
  }

  C.panels.FunctionsPanel = FunctionsPanel;
})();
