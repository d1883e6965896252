/* The trace view: requests as they finish, each request's field tree with timings, and per
 * field its rendered templates, data source call, stash and errors (file:line:col, and the
 * override file to edit). Traces are taken only while a console records them (its socket on
 * the "traces" topic is open); "Record traces" turns that off. */
(function () {
  "use strict";
  var C = window.AmplifyConsole, h = C.h;

  function fieldKey(entry) { return (entry.path || []).join("."); }

  function fieldsOf(trace) {
    var order = [], byKey = {};
    trace.entries.forEach(function (entry) {
      if (!entry.fieldName) { return; }
      var key = fieldKey(entry);
      if (!byKey[key]) {
        byKey[key] = { key: key, path: entry.path, type: entry.parentType, name: entry.fieldName, entries: [] };
        order.push(byKey[key]);
      }
      byKey[key].entries.push(entry);
      if (entry.logType === "Tracing") { byKey[key].tracing = entry; }
      if (entry.fieldInError) { byKey[key].error = true; }
    });
    return order;
  }

  function Location(props) {
    var loc = props.location;
    return h("div", { className: "am-location", "data-testid": "error-location" },
      h("span", null, loc.file + ":" + loc.line + ":" + loc.column),
      loc.overrideFile ? h("span", { className: "am-override", "data-testid": "override-file" },
        " edit: " + loc.overrideFile) : null);
  }

  function EntryView(props) {
    var e = props.entry;
    var body = [];
    if (e.transformedTemplate !== undefined) { body.push(h("div", { key: "t" }, h("b", null, "Rendered template"), h(C.Pre, { value: e.transformedTemplate, testid: "rendered-template" }))); }
    if (e.evaluationResult !== undefined) { body.push(h("div", { key: "v" }, h("b", null, "Evaluation result"), h(C.Pre, { value: e.evaluationResult }))); }
    if (e.logType === "DataSourceInvocation") {
      body.push(h("div", { key: "r", "data-testid": "data-source-call" }, h("b", null, "Data source " + e.dataSource + " request"), h(C.Pre, { value: e.request }),
        h("b", null, "Response"), h(C.Pre, { value: e.response })));
    }
    if (e.logType === "ApplicationLog") { body.push(h("div", { key: "m" }, e.level + ": " + e.message)); }
    if (e.context && e.context.stash && Object.keys(e.context.stash).length) {
      body.push(h("div", { key: "s" }, h("b", null, "Stash"), h(C.Pre, { value: e.context.stash, testid: "stash" })));
    }
    (e.errors || []).forEach(function (err, i) {
      body.push(h("div", { key: "e" + i, className: "am-error", "data-testid": "field-error" },
        (err.errorType ? err.errorType + ": " : "") + err.message,
        err.location ? h(Location, { location: err.location }) : null));
    });
    if (e.logType === "Tracing") { body.push(h("div", { key: "d" }, "duration " + C.ms(e.duration) + (e.returnType ? ", returns " + e.returnType : ""))); }
    return h("div", { className: "am-entry" },
      h("div", { className: "am-entry-head" }, e.logType + (e.functionName ? " \u00b7 " + e.functionName : "")), body);
  }

  function TraceDetail(props) {
    var trace = props.trace, selected = props.selected, select = props.onSelect;
    var fields = fieldsOf(trace);
    var field = fields.filter(function (f) { return f.key === selected; })[0];
    var summaries = trace.entries.filter(function (e) { return !e.fieldName; });
    return h("div", { className: "am-trace-detail" },
      h("div", { className: "am-field-tree", "data-testid": "field-tree" },
        h("div", { className: "am-muted" }, (trace.operationName || "(anonymous)") + " \u00b7 status " + trace.statusCode + " \u00b7 " + C.ms(trace.duration)),
        summaries.map(function (s) {
          return h("div", { key: s.logType, className: "am-muted" }, s.logType + " " + C.ms(s.latency || s.duration || 0));
        }),
        fields.map(function (f) {
          return h("div", { key: f.key, className: "am-field" + (f.error ? " am-field-error" : "") + (f.key === selected ? " am-selected" : ""),
            style: { paddingLeft: (f.path.length * 12) + "px" }, "data-testid": "field-" + f.key,
            onClick: function () { select(f.key); } },
            f.type + "." + f.name + " ", h("span", { className: "am-muted" }, f.tracing ? C.ms(f.tracing.duration) : ""),
            f.error ? " \u2716" : "");
        })),
      h("div", { className: "am-field-entries", "data-testid": "field-detail" },
        field ? field.entries.map(function (e, i) { return h(EntryView, { key: i, entry: e }); })
          : h("div", { className: "am-muted" }, "Click a field to see its templates, data source call, stash and errors.")));
  }

  function TracePanel(props) {
    var listState = React.useState([]), list = listState[0], setList = listState[1];
    var traceState = React.useState(null), trace = traceState[0], setTrace = traceState[1];
    var selState = React.useState(null), selected = selState[0], setSelected = selState[1];
    var errState = React.useState(""), error = errState[0], setError = errState[1];
    var recState = React.useState(true), recording = recState[0], setRecording = recState[1];
    React.useEffect(function () {
      if (!recording) { return undefined; }
      var stop = C.events(["traces"], function (topic, payload) {
        if (topic === "traces") { setList(function (old) { return [payload].concat(old).slice(0, 200); }); }
      });
      C.api("GET", "/traces").then(function (body) { setList(function (old) { return old.length ? old : body.traces; }); });
      return stop;
    }, [recording]);
    function open(id) {
      setError("");
      C.api("GET", "/traces/" + id).then(function (t) {
        setTrace(t);
        var failing = fieldsOf(t).filter(function (f) { return f.error; })[0];
        setSelected(failing ? failing.key : null);
      }, function (err) { setError(err.message); });
    }
    return h("div", { className: "am-panel am-trace", "data-testid": "trace-panel" },
      h("div", { className: "am-trace-list", "data-testid": "trace-list" },
        h("label", { className: "am-muted" }, h("input", { type: "checkbox", checked: recording, "data-testid": "record-traces",
          onChange: function (e) { setRecording(e.target.checked); } }), " Record traces"),
        list.length ? null : h("div", { className: "am-muted" }, "Run a query: its trace appears here."),
        list.map(function (t) {
          return h("div", { key: t.requestId, className: "am-trace-item" + (t.errorCount ? " am-field-error" : "") + (trace && trace.requestId === t.requestId ? " am-selected" : ""),
            "data-testid": "trace-item", onClick: function () { open(t.requestId); } },
            h("b", null, t.operationName || "(anonymous)"), " ", t.statusCode, " ",
            h("span", { className: "am-muted" }, C.ms(t.duration) + " \u00b7 " + t.fieldCount + " fields" + (t.errorCount ? " \u00b7 " + t.errorCount + " errors" : "")));
        })),
      h(C.ErrorLine, { error: error }),
      trace ? h(TraceDetail, { trace: trace, selected: selected, onSelect: setSelected }) : null);
  }

  C.panels.TracePanel = TracePanel;
})();
