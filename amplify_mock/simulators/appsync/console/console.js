/* The local AppSync console: GraphiQL + explorer, an auth-mode switch, a JWT claims editor,
 * the IAM role, and "Clear data". Plain JS over the UMD builds installed from npm. */
(function () {
  "use strict";
  var h = React.createElement;
  var COGNITO_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_mockpool";

  function b64url(text) {
    return btoa(unescape(encodeURIComponent(text))).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  /* An unsigned-looking JWT: the mock does not verify signatures unless --verify-tokens. */
  function makeJwt(claims) {
    return b64url(JSON.stringify({ alg: "HS256", typ: "JWT" })) + "." + b64url(JSON.stringify(claims)) + ".bW9jaw";
  }

  function buildClaims(auth, issuer) {
    var now = Math.floor(Date.now() / 1000);
    var claims = {
      sub: "00000000-0000-4000-8000-" + ("000000000000" + auth.username.length).slice(-12),
      iss: issuer,
      "cognito:username": auth.username,
      username: auth.username,
      email: auth.email,
      token_use: "id",
      auth_time: now,
      iat: now,
      exp: now + 3600
    };
    var groups = auth.groups.split(",").map(function (g) { return g.trim(); }).filter(Boolean);
    if (groups.length) { claims["cognito:groups"] = groups; }
    if (auth.custom.trim()) {
      var extra = JSON.parse(auth.custom);
      Object.keys(extra).forEach(function (k) { claims[k] = extra[k]; });
    }
    return claims;
  }

  function authHeaders(config, auth) {
    switch (auth.mode) {
      case "API_KEY":
        return { "x-api-key": config.apiKey || "" };
      case "AMAZON_COGNITO_USER_POOLS":
        return { Authorization: makeJwt(buildClaims(auth, COGNITO_ISSUER)) };
      case "OPENID_CONNECT": {
        var oidc = modes(config).filter(function (m) { return m.authenticationType === "OPENID_CONNECT"; })[0];
        var issuer = (oidc && oidc.openIDConnectConfig && oidc.openIDConnectConfig.Issuer) || "https://oidc.mock/";
        return { Authorization: makeJwt(buildClaims(auth, issuer)) };
      }
      case "AWS_IAM": {
        var key = auth.iamRole === "auth" ? "ASIAVJKIAM-AuthRole" : "ASIAVJKIAM-UnAuthRole";
        var date = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
        return {
          Authorization: "AWS4-HMAC-SHA256 Credential=" + key + "/" + date.slice(0, 8) +
            "/us-east-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=mock",
          "x-amz-date": date
        };
      }
      case "AWS_LAMBDA":
        return { Authorization: auth.lambdaToken };
      default:
        return {};
    }
  }

  function modes(config) {
    return [config.defaultAuthenticationType].concat(config.additionalAuthenticationProviders || []);
  }

  /* The AppSync realtime protocol (graphql-ws subprotocol, header query parameter). */
  function subscribe(params, headers) {
    var queue = [], waiting = null, done = false, socket;
    function push(item) { if (waiting) { var w = waiting; waiting = null; w(item); } else { queue.push(item); } }
    var header = btoa(JSON.stringify(Object.assign({ host: location.host }, headers)));
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host +
      "/graphql/realtime?header=" + encodeURIComponent(header) + "&payload=e30=";
    socket = new WebSocket(url, "graphql-ws");
    socket.onopen = function () { socket.send(JSON.stringify({ type: "connection_init" })); };
    socket.onmessage = function (event) {
      var msg = JSON.parse(event.data);
      if (msg.type === "connection_ack") {
        socket.send(JSON.stringify({ id: "1", type: "start", payload: {
          data: JSON.stringify({ query: params.query, variables: params.variables || {} }),
          extensions: { authorization: Object.assign({ host: location.host }, headers) } } }));
      } else if (msg.type === "data") {
        push({ value: msg.payload, done: false });
      } else if (msg.type === "error" || msg.type === "connection_error") {
        push({ value: msg.payload, done: false });
      }
    };
    socket.onclose = function () { done = true; push({ value: undefined, done: true }); };
    var iterator = {
      next: function () {
        if (queue.length) { return Promise.resolve(queue.shift()); }
        if (done) { return Promise.resolve({ value: undefined, done: true }); }
        return new Promise(function (resolve) { waiting = resolve; });
      },
      return: function () { socket.close(); return Promise.resolve({ value: undefined, done: true }); }
    };
    iterator[Symbol.asyncIterator] = function () { return iterator; };
    return iterator;
  }

  function Toolbar(props) {
    var auth = props.auth, set = props.onChange, config = props.config;
    function field(name, label, extra) {
      return h("label", null, label, h("input", Object.assign({
        value: auth[name], "data-testid": name,
        onChange: function (e) { var next = Object.assign({}, auth); next[name] = e.target.value; set(next); }
      }, extra || {})));
    }
    var jwtMode = auth.mode === "AMAZON_COGNITO_USER_POOLS" || auth.mode === "OPENID_CONNECT";
    return h("div", { style: { display: "contents" } },
      h("span", { className: "title" }, "AppSync mock: " + config.name),
      h("label", null, "Auth mode",
        h("select", { value: auth.mode, "data-testid": "auth-mode",
          onChange: function (e) { set(Object.assign({}, auth, { mode: e.target.value })); } },
          modes(config).map(function (m) {
            return h("option", { key: m.authenticationType, value: m.authenticationType }, m.authenticationType);
          }))),
      auth.mode === "API_KEY" ? h("span", null, "x-api-key: " + config.apiKey) : null,
      jwtMode ? field("username", "Username") : null,
      jwtMode ? field("groups", "Groups", { placeholder: "Admin, Editors" }) : null,
      jwtMode ? field("email", "Email") : null,
      jwtMode ? h("label", null, "Custom claims",
        h("textarea", { value: auth.custom, "data-testid": "custom-claims", placeholder: '{"custom:tenant": "t1"}',
          onChange: function (e) { set(Object.assign({}, auth, { custom: e.target.value })); } })) : null,
      auth.mode === "AWS_IAM" ? h("label", null, "IAM role",
        h("select", { value: auth.iamRole, "data-testid": "iam-role",
          onChange: function (e) { set(Object.assign({}, auth, { iamRole: e.target.value })); } },
          h("option", { value: "auth" }, "Authenticated role"),
          h("option", { value: "unauth" }, "Unauthenticated role"))) : null,
      auth.mode === "AWS_LAMBDA" ? field("lambdaToken", "Authorization token") : null,
      h("button", { "data-testid": "clear-data", onClick: props.onClear }, "Clear data"),
      h("span", { className: "status", "data-testid": "status" }, props.status));
  }

  function App(props) {
    var config = props.config;
    var initial = React.useState({
      mode: config.defaultAuthenticationType.authenticationType, username: "user1", groups: "",
      email: "user1@example.com", custom: "", iamRole: "auth", lambdaToken: "custom-authorized"
    });
    var auth = initial[0], setAuth = initial[1];
    var statusState = React.useState(""), status = statusState[0], setStatus = statusState[1];
    var authRef = React.useRef(auth);
    authRef.current = auth;
    var explorer = React.useMemo(function () { return GraphiQLPluginExplorer.explorerPlugin(); }, []);
    var fetcher = React.useCallback(function (params) {
      var headers;
      try { headers = authHeaders(config, authRef.current); }
      catch (err) { return Promise.resolve({ errors: [{ message: "Custom claims: " + err.message }] }); }
      if (params.operationName && !new RegExp("\\b(query|mutation|subscription)\\s+" +
          params.operationName + "\\b").test(params.query || "")) {
        // GraphiQL updates the operation name after an edit with a delay; never send a stale one.
        params = Object.assign({}, params, { operationName: null });
      }
      if (/^\s*subscription\b/.test(params.query || "")) { return subscribe(params, headers); }
      return fetch("/graphql", {
        method: "POST",
        headers: Object.assign({ "content-type": "application/json" }, headers),
        body: JSON.stringify(params)
      }).then(function (r) { return r.json(); });
    }, [config]);
    function clear() {
      setStatus("Clearing data...");
      fetch("/clear-data", { method: "DELETE" }).then(function (r) { return r.json(); })
        .then(function (body) { setStatus(body.message); }, function (err) { setStatus(String(err)); });
    }
    return h(React.Fragment, null,
      ReactDOM.createPortal(h(Toolbar, { auth: auth, onChange: setAuth, config: config, status: status, onClear: clear }),
        document.getElementById("toolbar")),
      h(GraphiQL, { fetcher: fetcher, plugins: [explorer], defaultEditorToolsVisibility: true,
        defaultQuery: "# Local AppSync console. Pick an auth mode above, then run a query.\n" }));
  }

  fetch("/api-config").then(function (r) { return r.json(); }).then(function (config) {
    ReactDOM.createRoot(document.getElementById("graphiql")).render(h(App, { config: config }));
  });
})();
