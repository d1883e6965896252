/* The local AppSync console (the mock's dashboard): GraphiQL + explorer with the auth panel
 * (auth mode, JWT claims, IAM role, sign-in as a local Cognito user), the trace view, the data
 * browser, the subscriptions and functions panels, and the hot-reload banner. Plain JS over the
 * UMD builds installed from npm; the panels are in lib.js, trace.js, data.js, ... */
(function () {
  "use strict";
  var C = window.AmplifyConsole;
  var h = C.h;
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
        if (auth.session) { return { Authorization: auth.session.IdToken }; }
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
  function subscribe(params, headers, onAck) {
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
      } else if (msg.type === "start_ack") {
        if (onAck) { onAck(); }
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
      auth.mode === "AMAZON_COGNITO_USER_POOLS" && props.userPool ? h(LocalSignIn, { auth: auth, onChange: set, userPool: props.userPool }) : null,
      jwtMode && !auth.session ? field("username", "Username") : null,
      jwtMode && !auth.session ? field("groups", "Groups", { placeholder: "Admin, Editors" }) : null,
      jwtMode && !auth.session ? field("email", "Email") : null,
      jwtMode && !auth.session ? h("label", null, "Custom claims",
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

  /* Sign in as a user of the local Cognito pool (InitiateAuth, USER_PASSWORD_AUTH): the real
   * id token then authorizes the console's requests. */
  function LocalSignIn(props) {
    var auth = props.auth, set = props.onChange;
    var usersState = React.useState([]), users = usersState[0], setUsers = usersState[1];
    var userState = React.useState(""), user = userState[0], setUser = userState[1];
    var pwState = React.useState(""), password = pwState[0], setPassword = pwState[1];
    var errState = React.useState(""), error = errState[0], setError = errState[1];
    React.useEffect(function () {
      C.api("GET", "/users").then(function (body) {
        setUsers(body.Users);
        if (body.Users.length) { setUser(body.Users[0].Username); }
      }, function (err) { setError(err.message); });
    }, []);
    function signIn() {
      setError("");
      C.api("POST", "/users/sign-in", { username: user, password: password }).then(function (body) {
        if (!body.AuthenticationResult) { setError("Cognito asks for " + body.ChallengeName + " (finish it in your app)."); return; }
        var found = users.filter(function (u) { return u.Username === user; })[0];
        set(Object.assign({}, auth, { session: { username: user, groups: found ? found.Groups : [], IdToken: body.AuthenticationResult.IdToken } }));
      }, function (err) { setError(err.message); });
    }
    if (auth.session) {
      return h("span", { className: "am-signed-in", "data-testid": "signed-in" },
        "Signed in as " + auth.session.username + (auth.session.groups.length ? " (" + auth.session.groups.join(", ") + ")" : ""),
        h("button", { "data-testid": "sign-out", onClick: function () { set(Object.assign({}, auth, { session: null })); } }, "Sign out"));
    }
    return h("span", { className: "am-sign-in" },
      h("select", { value: user, "data-testid": "pool-user", onChange: function (e) { setUser(e.target.value); } },
        users.map(function (u) { return h("option", { key: u.Username, value: u.Username }, u.Username + (u.Groups.length ? " [" + u.Groups.join(",") + "]" : "")); })),
      h("input", { type: "password", value: password, placeholder: "password", "data-testid": "pool-password", onChange: function (e) { setPassword(e.target.value); } }),
      h("button", { "data-testid": "pool-sign-in", onClick: signIn }, "Sign in"),
      error ? h("span", { className: "am-error", "data-testid": "sign-in-error" }, error) : null);
  }

  /* The hot-reload banner: green for a reload that worked, red with the error and its location. */
  function ReloadBanner() {
    var state = React.useState(null), event = state[0], setEvent = state[1];
    React.useEffect(function () {
      return C.events(["reload"], function (topic, payload) {
        if (topic === "reload") { setEvent(Object.assign({ at: new Date().toLocaleTimeString() }, payload)); }
      });
    }, []);
    if (!event) { return null; }
    var loc = event.location;
    return h("div", { className: "am-banner " + (event.ok ? "am-banner-ok" : "am-banner-error"), "data-testid": "reload-banner" },
      event.ok ? "API reloaded (" + event.kind + " change) at " + event.at
        : h(React.Fragment, null, h("b", null, "Reload failed, the previous API keeps serving. "),
          loc ? h("span", { "data-testid": "reload-location" }, loc.file + ":" + loc.line + (loc.column ? ":" + loc.column : "") + " ") : null,
          h("pre", { className: "am-pre" }, event.error)),
      h("button", { className: "am-close", onClick: function () { setEvent(null); } }, "\u00d7"));
  }

  var TABS = [["graphiql", "GraphiQL"], ["traces", "Traces"], ["data", "Data"], ["subscriptions", "Subscriptions"], ["functions", "Functions"]];

  function App(props) {
    var config = props.config;
    var initial = React.useState({
      mode: config.defaultAuthenticationType.authenticationType, username: "user1", groups: "",
      email: "user1@example.com", custom: "", iamRole: "auth", lambdaToken: "custom-authorized"
    });
    var auth = initial[0], setAuth = initial[1];
    var statusState = React.useState(""), status = statusState[0], setStatus = statusState[1];
    var tabState = React.useState("graphiql"), tab = tabState[0], setTab = tabState[1];
    var infoState = React.useState({}), info = infoState[0], setInfo = infoState[1];
    React.useEffect(function () { C.api("GET", "/info").then(setInfo, function () {}); }, []);
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
    function headers() { return authHeaders(config, authRef.current); }
    function show(name) { return { className: "am-page", style: { display: tab === name ? "flex" : "none" } }; }
    var P = C.panels;
    return h(React.Fragment, null,
      ReactDOM.createPortal(h(React.Fragment, null,
        h(Toolbar, { auth: auth, onChange: setAuth, config: config, status: status, onClear: clear, userPool: info.userPool }),
        h("nav", { className: "am-tabs" }, TABS.map(function (t) {
          return h("button", { key: t[0], className: tab === t[0] ? "am-tab am-active" : "am-tab", "data-testid": "tab-" + t[0],
            onClick: function () { setTab(t[0]); } }, t[1]);
        }))), document.getElementById("toolbar")),
      ReactDOM.createPortal(h(ReloadBanner), document.getElementById("banner")),
      h("div", show("graphiql"), h(GraphiQL, { fetcher: fetcher, plugins: [explorer], defaultEditorToolsVisibility: true,
        defaultQuery: "# Local AppSync console. Pick an auth mode above, then run a query.\n" })),
      h("div", show("traces"), h(P.TracePanel)),
      h("div", show("data"), tab === "data" ? h(P.DataPanel) : null),
      h("div", show("subscriptions"), h(P.SubscriptionsPanel, { headers: headers, subscribe: subscribe })),
      h("div", show("functions"), tab === "functions" ? h(P.FunctionsPanel) : null));
  }

  fetch("/api-config").then(function (r) { return r.json(); }).then(function (config) {
    ReactDOM.createRoot(document.getElementById("graphiql")).render(h(App, { config: config }));
  });
})();
