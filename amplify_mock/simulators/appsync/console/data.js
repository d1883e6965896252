/* The data browser: the API's tables (scan, query by key, edit an item as JSON, delete) and the
 * local S3 buckets (browse, upload, download, delete), through /console/api, which uses the
 * same stores as the API and the S3 endpoint. */
(function () {
  "use strict";
  var C = window.AmplifyConsole, h = C.h;

  function keyOf(table, item) {
    var key = {};
    table.KeySchema.forEach(function (k) { key[k.AttributeName] = item[k.AttributeName]; });
    return key;
  }

  function keyName(schema, type) {
    var found = schema.filter(function (k) { return k.KeyType === type; })[0];
    return found ? found.AttributeName : null;
  }

  function Tables() {
    var tablesState = React.useState([]), tables = tablesState[0], setTables = tablesState[1];
    var nameState = React.useState(""), name = nameState[0], setName = nameState[1];
    var pageState = React.useState(null), page = pageState[0], setPage = pageState[1];
    var editState = React.useState(null), editing = editState[0], setEditing = editState[1];
    var textState = React.useState(""), text = textState[0], setText = textState[1];
    var errState = React.useState(""), error = errState[0], setError = errState[1];
    var msgState = React.useState(""), message = msgState[0], setMessage = msgState[1];
    var qState = React.useState({ index: "", pk: "", op: "=", sk: "", sk2: "" }), q = qState[0], setQ = qState[1];
    React.useEffect(function () {
      C.api("GET", "/tables").then(function (body) {
        setTables(body.Tables);
        if (body.Tables.length) { setName(body.Tables[0].TableName); }
      }, function (err) { setError(err.message); });
    }, []);
    var table = tables.filter(function (t) { return t.TableName === name; })[0];
    var schema = table ? (q.index ? table.GlobalSecondaryIndexes.filter(function (i) { return i.IndexName === q.index; })[0].KeySchema : table.KeySchema) : [];
    function done(promise, note) {
      setError(""); setMessage("");
      return promise.then(function (body) { if (note) { setMessage(note); } return body; },
        function (err) { setError(err.message); throw err; });
    }
    function scan(note) { done(C.api("POST", "/tables/" + name + "/scan", {}), note).then(setPage, function () {}); }
    function runQuery() {
      var body = { partitionKey: { name: keyName(schema, "HASH"), value: q.pk }, indexName: q.index || undefined };
      if (keyName(schema, "RANGE") && q.sk !== "") {
        body.sortKey = { name: keyName(schema, "RANGE"), operator: q.op, value: q.sk, value2: q.sk2 };
      }
      done(C.api("POST", "/tables/" + name + "/query", body)).then(setPage, function () {});
    }
    function edit(item) { setEditing(item || {}); setText(JSON.stringify(item || {}, null, 2)); }
    function save() {
      var item;
      try { item = JSON.parse(text); } catch (err) { setError("The item is not JSON: " + err.message); return; }
      done(C.api("PUT", "/tables/" + name + "/items", item)).then(function () { setEditing(null); scan("Saved."); }, function () {});
    }
    function remove(item) {
      done(C.api("DELETE", "/tables/" + name + "/items", keyOf(table, item))).then(function () { setEditing(null); scan("Deleted."); }, function () {});
    }
    var columns = [];
    (page ? page.Items : []).forEach(function (item) {
      Object.keys(item).forEach(function (k) { if (columns.indexOf(k) < 0 && columns.length < 6) { columns.push(k); } });
    });
    return h("div", { className: "am-data" },
      h("div", { className: "am-row" },
        h("label", null, "Table ", h("select", { value: name, "data-testid": "table-select",
          onChange: function (e) { setName(e.target.value); setPage(null); setEditing(null); setQ(Object.assign({}, q, { index: "" })); } },
          tables.map(function (t) { return h("option", { key: t.TableName, value: t.TableName }, t.TableName + " (" + t.ItemCount + ")"); }))),
        h("button", { "data-testid": "scan", onClick: function () { scan(); } }, "Scan"),
        h("button", { "data-testid": "new-item", onClick: function () { edit(null); } }, "New item")),
      table ? h("div", { className: "am-row" },
        h("label", null, "Index ", h("select", { value: q.index, "data-testid": "query-index", onChange: function (e) { setQ(Object.assign({}, q, { index: e.target.value })); } },
          h("option", { value: "" }, "(table)"),
          table.GlobalSecondaryIndexes.map(function (i) { return h("option", { key: i.IndexName, value: i.IndexName }, i.IndexName); }))),
        h("label", null, keyName(schema, "HASH") + " = ", h("input", { value: q.pk, "data-testid": "query-pk", onChange: function (e) { setQ(Object.assign({}, q, { pk: e.target.value })); } })),
        keyName(schema, "RANGE") ? h("label", null, keyName(schema, "RANGE") + " ",
          h("select", { value: q.op, "data-testid": "query-op", onChange: function (e) { setQ(Object.assign({}, q, { op: e.target.value })); } },
            ["=", "<", "<=", ">", ">=", "begins_with", "between"].map(function (op) { return h("option", { key: op, value: op }, op); })),
          h("input", { value: q.sk, "data-testid": "query-sk", onChange: function (e) { setQ(Object.assign({}, q, { sk: e.target.value })); } }),
          q.op === "between" ? h("input", { value: q.sk2, onChange: function (e) { setQ(Object.assign({}, q, { sk2: e.target.value })); } }) : null) : null,
        h("button", { "data-testid": "query", onClick: runQuery }, "Query")) : null,
      h(C.ErrorLine, { error: error, testid: "data-error" }),
      message ? h("div", { className: "am-ok", "data-testid": "data-message" }, message) : null,
      editing ? h("div", { className: "am-editor" },
        h("textarea", { value: text, rows: 12, "data-testid": "item-json", onChange: function (e) { setText(e.target.value); } }),
        h("div", { className: "am-row" },
          h("button", { "data-testid": "save-item", onClick: save }, "Save"),
          editing && table && Object.keys(editing).length ? h("button", { "data-testid": "delete-item", onClick: function () { remove(editing); } }, "Delete") : null,
          h("button", { onClick: function () { setEditing(null); } }, "Cancel"))) : null,
      page ? h("table", { className: "am-table", "data-testid": "items" },
        h("thead", null, h("tr", null, columns.map(function (c) { return h("th", { key: c }, c); }))),
        h("tbody", null, page.Items.map(function (item, i) {
          return h("tr", { key: i, "data-testid": "item-row", onClick: function () { edit(item); } },
            columns.map(function (c) { return h("td", { key: c }, item[c] === undefined ? "" : typeof item[c] === "object" ? JSON.stringify(item[c]) : String(item[c])); }));
        }))) : null,
      page ? h("div", { className: "am-muted" }, page.Count + " items" + (page.LastEvaluatedKey ? " (more: query to narrow)" : "")) : null);
  }

  function Buckets() {
    var bucketsState = React.useState([]), buckets = bucketsState[0], setBuckets = bucketsState[1];
    var nameState = React.useState(""), name = nameState[0], setName = nameState[1];
    var prefixState = React.useState(""), prefix = prefixState[0], setPrefix = prefixState[1];
    var listState = React.useState(null), listing = listState[0], setListing = listState[1];
    var keyState = React.useState(""), key = keyState[0], setKey = keyState[1];
    var errState = React.useState(""), error = errState[0], setError = errState[1];
    var msgState = React.useState(""), message = msgState[0], setMessage = msgState[1];
    var fileRef = React.useRef(null);
    React.useEffect(function () {
      C.api("GET", "/buckets").then(function (body) {
        setBuckets(body.Buckets);
        if (body.Buckets.length) { setName(body.Buckets[0].Name); }
      }, function (err) { setError(err.message); });
    }, []);
    function list() {
      setError("");
      C.api("GET", "/buckets/" + name + "/objects?prefix=" + encodeURIComponent(prefix)).then(setListing, function (err) { setError(err.message); });
    }
    React.useEffect(function () { if (name) { list(); } }, [name]);
    function upload() {
      var file = fileRef.current && fileRef.current.files[0];
      if (!file) { setError("Choose a file to upload."); return; }
      var target = key || (prefix + file.name);
      setError(""); setMessage("");
      fetch("/console/api/buckets/" + name + "/object?key=" + encodeURIComponent(target), {
        method: "PUT", body: file, headers: { "content-type": file.type || "application/octet-stream" } })
        .then(function (r) { return r.json().then(function (b) { if (!r.ok) { throw new Error(C.errorMessage(b)); } return b; }); })
        .then(function () { setMessage("Uploaded " + target + "."); list(); }, function (err) { setError(err.message); });
    }
    function remove(objectKey) {
      C.api("DELETE", "/buckets/" + name + "/object?key=" + encodeURIComponent(objectKey)).then(function () { setMessage("Deleted " + objectKey + "."); list(); },
        function (err) { setError(err.message); });
    }
    return h("div", { className: "am-data" },
      h("div", { className: "am-row" },
        h("label", null, "Bucket ", h("select", { value: name, "data-testid": "bucket-select", onChange: function (e) { setName(e.target.value); } },
          buckets.map(function (b) { return h("option", { key: b.Name, value: b.Name }, b.Name); }))),
        h("label", null, "Prefix ", h("input", { value: prefix, "data-testid": "bucket-prefix", onChange: function (e) { setPrefix(e.target.value); } })),
        h("button", { "data-testid": "list-objects", onClick: list }, "List")),
      h("div", { className: "am-row" },
        h("input", { type: "file", ref: fileRef, "data-testid": "upload-file" }),
        h("label", null, "Key ", h("input", { value: key, placeholder: "(prefix + file name)", "data-testid": "upload-key", onChange: function (e) { setKey(e.target.value); } })),
        h("button", { "data-testid": "upload", onClick: upload }, "Upload")),
      h(C.ErrorLine, { error: error, testid: "bucket-error" }),
      message ? h("div", { className: "am-ok", "data-testid": "bucket-message" }, message) : null,
      listing ? h("table", { className: "am-table", "data-testid": "objects" },
        h("thead", null, h("tr", null, h("th", null, "Key"), h("th", null, "Size"), h("th", null, "Last modified"), h("th", null, ""))),
        h("tbody", null, listing.Contents.map(function (o) {
          return h("tr", { key: o.Key, "data-testid": "object-row" },
            h("td", null, o.Key), h("td", null, o.Size), h("td", null, o.LastModified),
            h("td", null,
              h("a", { href: "/console/api/buckets/" + name + "/object?key=" + encodeURIComponent(o.Key), "data-testid": "download" }, "Download"), " ",
              h("button", { "data-testid": "delete-object", onClick: function () { remove(o.Key); } }, "Delete")));
        }))) : null);
  }

  function DataPanel() {
    var tabState = React.useState("tables"), tab = tabState[0], setTab = tabState[1];
    return h("div", { className: "am-panel", "data-testid": "data-panel" },
      h("div", { className: "am-row" },
        h("button", { className: tab === "tables" ? "am-tab am-active" : "am-tab", "data-testid": "data-tables", onClick: function () { setTab("tables"); } }, "Tables"),
        h("button", { className: tab === "buckets" ? "am-tab am-active" : "am-tab", "data-testid": "data-buckets", onClick: function () { setTab("buckets"); } }, "Buckets")),
      tab === "tables" ? h(Tables) : h(Buckets));
  }

  C.panels.DataPanel = DataPanel;
})();
