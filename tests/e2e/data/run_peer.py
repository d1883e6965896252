#!/usr/bin/env python3
# ruff: noqa
# fmt: off
# Copied from ../shared/peer-v2/run_peer.py (which also reads the v1 corpus of ../shared/peer, whose
# runner it extends); only these four comment lines were added.
"""Run the peer conformance corpus (cases/*.json) against a GraphQL endpoint.

    python3 run_peer.py --url http://127.0.0.1:PORT/graphql --api-key KEY CASEFILE...
    python3 run_peer.py --list-schemas DIR [CASEFILE...]

Every case of each file runs in file order (the "setup" case first, as in the jest
beforeAll); each step is one POST of {"query", "variables"} with the identity's auth
headers.  A case stops at its first failing step, like a jest test stops at its first
failing expect.  Prints PASS/FAIL/SKIP per case and ends with the line
"N passed, M failed, K skipped".  See FORMAT.md for the file format and every
expectation keyword.  Python 3.11 standard library only.
"""
from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import hmac
import json
import math
import os
import re
import select
import socket
import ssl
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CASES_DIR = os.path.join(HERE, "cases")

# --------------------------------------------------------------------------- auth
# Claims exactly as amplify-util-mock/src/__e2e__/utils/cognito-utils.ts mints them
# (HS256, secret "open-secrete"); the simulator only jwt-decodes the token (no
# signature check) and treats it as a user-pool token when iss starts with
# "https://cognito-idp.".
JWT_SECRET = b"open-secrete"
USER_POOL_ID = "fake_user_pool"
COGNITO_AUD = "75pk49boud2olipfda0ke3snic"

# IAM: the simulator (amplify-appsync-simulator utils/auth-helpers) picks AWS_IAM when the
# Authorization header starts with "AWS4-HMAC-SHA256" and IAM is an allowed auth type; it
# takes the access key id after "Credential=": equal to appSync.authAccessKeyId (default
# "ASIAVJKIAM-AuthRole") -> the authenticated role (arn ...:assumed-role/authRole/...),
# anything else -> the unauthenticated role.  The signature is not verified.
IAM_AUTH_ACCESS_KEY_ID = "ASIAVJKIAM-AuthRole"
IAM_UNAUTH_ACCESS_KEY_ID = "ASIAVJKIAM-UnAuthRole"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def mint_jwt(claims: dict, secret: bytes = JWT_SECRET) -> str:
    header = {"alg": "HS256"}
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(
        json.dumps(claims, separators=(",", ":")).encode()
    )
    sig = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url(sig)


def cognito_claims(ident: dict, name: str) -> dict:
    now = int(time.time())
    pool = ident.get("userPoolId", USER_POOL_ID)
    username = ident.get("username", name)
    claims = {
        "sub": ident.get("sub") or str(uuid.uuid5(uuid.NAMESPACE_URL, "peer-corpus/" + name)),
        "aud": COGNITO_AUD,
        "cognito:groups": list(ident.get("groups", [])),
        "event_id": str(uuid.uuid4()),
        "token_use": ident.get("tokenType", "id"),
        "auth_time": now,
        "iss": f"https://cognito-idp.us-west-2.amazonaws.com/us-west-2_{pool}",
        "cognito:username": username,
        "exp": now + 10000,
        "iat": now,
    }
    claims.update(ident.get("claims", {}))
    return claims


def sigv4_authorization(url: str, body: bytes, access_key: str, region: str, amz_date: str) -> str:
    """A real SigV4 Authorization header (service appsync) signed with a fake secret."""
    parsed = urllib.parse.urlparse(url)
    host = parsed.netloc
    date = amz_date[:8]
    canonical_headers = f"content-type:application/json\nhost:{host}\nx-amz-date:{amz_date}\n"
    signed_headers = "content-type;host;x-amz-date"
    canonical_request = "\n".join(
        ["POST", parsed.path or "/", parsed.query, canonical_headers, signed_headers, hashlib.sha256(body).hexdigest()]
    )
    scope = f"{date}/{region}/appsync/aws4_request"
    string_to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )

    def h(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    k = h(("AWS4" + "fake-secret-access-key").encode(), date)
    k = h(k, region)
    k = h(k, "appsync")
    k = h(k, "aws4_request")
    signature = hmac.new(k, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"


def realtime_url_for(url: str) -> str:
    """http://host/graphql -> ws://host/graphql/realtime (the simulator's realtime endpoint)."""
    if not url:
        return ""
    u = urllib.parse.urlparse(url)
    scheme = "wss" if u.scheme == "https" else "ws"
    path = u.path.rstrip("/") + "/realtime"
    return urllib.parse.urlunparse((scheme, u.netloc, path, "", "", ""))


class Runner:
    def __init__(self, args):
        self.url = args.url
        self.api_key = args.api_key
        self.timeout = args.timeout
        self.verbose = args.verbose
        self.region = args.region
        self.iam_auth_key = args.iam_auth_access_key
        self.iam_unauth_key = args.iam_unauth_access_key
        self.realtime_url = args.realtime_url or realtime_url_for(args.url)
        self.subscription_delay = args.subscription_delay
        self.event_timeout = args.event_timeout
        self.subscriptions: dict = {}

    # ----------------------------------------------------------------- http
    def headers_for(self, as_, identities: dict, body: bytes) -> dict:
        name = None
        if isinstance(as_, str):
            name = as_
            if as_ not in identities:
                raise StepError(f"unknown identity {as_!r}")
            ident = identities[as_]
        else:
            ident = as_ or {"mode": "API_KEY"}
        mode = ident.get("mode", "API_KEY")
        headers = {"Content-Type": "application/json"}
        if mode == "API_KEY":
            headers["x-api-key"] = ident.get("apiKey", self.api_key)
        elif mode in ("AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT"):
            claims = cognito_claims(ident, name or ident.get("username", "anonymous"))
            if mode == "OPENID_CONNECT":
                claims["iss"] = ident.get("issuer", claims["iss"])
            headers["Authorization"] = ("Bearer " if ident.get("bearer") else "") + mint_jwt(claims)
        elif mode == "AWS_IAM":
            role = ident.get("role", "auth")
            key = ident.get("accessKeyId") or (self.iam_auth_key if role == "auth" else self.iam_unauth_key)
            amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            headers["x-amz-date"] = amz_date
            headers["Authorization"] = sigv4_authorization(self.url, body, key, self.region, amz_date)
        elif mode == "NONE":
            pass  # v2 corpus: an identity may carry raw "headers" (e.g. an unusable Authorization value)
        else:
            raise StepError(f"unsupported auth mode {mode!r}")
        headers.update(ident.get("headers", {}))
        return headers

    def post(self, query: str, variables, as_, identities):
        payload = {"query": query, "variables": variables if variables is not None else {}}
        body = json.dumps(payload).encode()
        headers = self.headers_for(as_, identities, body)
        req = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        status = None
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                status = r.status
                raw = r.read()
        except urllib.error.HTTPError as e:  # e.g. 401 from the auth-mode check: keep the body
            status = e.code
            raw = e.read()
        except (urllib.error.URLError, OSError) as e:
            raise StepError(f"request failed: {e}")
        try:
            resp = json.loads(raw.decode() or "null")
        except ValueError:
            raise StepError(f"HTTP {status}: non-JSON body {raw[:200]!r}")
        if not isinstance(resp, dict):
            raise StepError(f"HTTP {status}: body is not an object: {str(resp)[:200]}")
        return status, resp


# --------------------------------------------------------------------------- realtime
class WebSocket:
    """Minimal RFC 6455 client (text frames, client masking, ping/pong), stdlib only."""

    def __init__(self, url: str, subprotocol: str, timeout: float):
        u = urllib.parse.urlparse(url)
        port = u.port or (443 if u.scheme == "wss" else 80)
        raw = socket.create_connection((u.hostname, port), timeout=timeout)
        self.sock = ssl.create_default_context().wrap_socket(raw, server_hostname=u.hostname) if u.scheme == "wss" else raw
        key = base64.b64encode(os.urandom(16)).decode()
        path = (u.path or "/") + ("?" + u.query if u.query else "")
        req = (
            f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {subprotocol}\r\n\r\n"
        )
        self.sock.sendall(req.encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise StepError("websocket: connection closed during handshake")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        status_line = head.split(b"\r\n", 1)[0].decode(errors="replace")
        if " 101 " not in status_line + " ":
            raise StepError(f"websocket handshake refused: {status_line}")
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        if accept.encode() not in head:
            raise StepError("websocket handshake: bad Sec-WebSocket-Accept")
        self.closed = False

    def _send_frame(self, opcode: int, payload: bytes):
        hdr = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            hdr += bytes([0x80 | n])
        elif n < 65536:
            hdr += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            hdr += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        self.sock.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send_json(self, obj):
        self._send_frame(0x1, json.dumps(obj).encode())

    def _read_exact(self, n: int, deadline: float) -> bytes:
        while len(self.buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            r, _, _ = select.select([self.sock], [], [], left) if not isinstance(self.sock, ssl.SSLSocket) or not self.sock.pending() else ([self.sock], [], [])
            if not r:
                raise TimeoutError
            chunk = self.sock.recv(65536)
            if not chunk:
                self.closed = True
                raise StepError("websocket closed by server")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv_json(self, timeout: float):
        """Next text message as JSON; raises TimeoutError."""
        deadline = time.monotonic() + timeout
        message = b""
        while True:
            b0, b1 = self._read_exact(2, deadline)
            opcode, fin, n = b0 & 0x0F, b0 & 0x80, b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read_exact(2, deadline))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read_exact(8, deadline))[0]
            mask = self._read_exact(4, deadline) if b1 & 0x80 else None
            payload = self._read_exact(n, deadline)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                self.closed = True
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                raise StepError(f"websocket closed by server (code {code})")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if fin:
                return json.loads(message.decode())

    def close(self):
        if not self.closed:
            try:
                self._send_frame(0x8, struct.pack("!H", 1000))
            except OSError:
                pass
        try:
            self.sock.close()
        except OSError:
            pass
        self.closed = True


class Subscription:
    """One AppSync realtime connection carrying one subscription (the protocol the
    amplify-appsync-simulator serves at /graphql/realtime: subprotocol graphql-ws,
    ?header=<base64 JSON auth headers>&payload=e30=, connection_init -> connection_ack,
    start {data: JSON(query, variables), extensions: {authorization: headers}} -> start_ack,
    then data messages)."""

    def __init__(self, runner, sub_id: str, query: str, variables, as_, identities):
        self.id = sub_id
        self.events = []
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        host = urllib.parse.urlparse(runner.url).netloc
        headers = runner.headers_for(as_, identities, body)
        headers.pop("Content-Type", None)
        headers = {"host": host, **headers}
        qs = urllib.parse.urlencode(
            {"header": base64.b64encode(json.dumps(headers).encode()).decode(), "payload": base64.b64encode(b"{}").decode()}
        )
        self.ws = WebSocket(runner.realtime_url + "?" + qs, "graphql-ws", runner.timeout)
        self.ws.send_json({"type": "connection_init"})
        self.result = None
        deadline = time.monotonic() + runner.timeout
        while True:
            msg = self._next(deadline)
            if msg.get("type") == "connection_ack":
                break
            if msg.get("type") in ("connection_error", "error"):
                self.result = msg.get("payload") or {"errors": [{"message": "connection_error"}]}
                return
        self.ws.send_json(
            {"id": sub_id, "type": "start", "payload": {"data": body.decode(), "extensions": {"authorization": headers}}}
        )
        while True:
            msg = self._next(deadline)
            t = msg.get("type")
            if t == "start_ack" and msg.get("id") == sub_id:
                self.result = {}
                return
            if t == "error":
                p = msg.get("payload") or {}
                self.result = p if isinstance(p, dict) and "errors" in p else {"errors": [p]}
                return
            if t == "data":
                self.events.append(msg.get("payload"))

    def _next(self, deadline):
        try:
            return self.ws.recv_json(max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise StepError("realtime: no answer from the server in time")

    def next_event(self, timeout: float):
        if self.events:
            return self.events.pop(0)
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = self.ws.recv_json(max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return None
            t = msg.get("type")
            if t == "data" and msg.get("id") == self.id:
                return msg.get("payload")
            if t == "error" and msg.get("id") == self.id:
                return msg.get("payload") or {"errors": [{"message": "error"}]}

    def stop(self):
        try:
            self.ws.send_json({"id": self.id, "type": "stop"})
        except OSError:
            pass
        self.ws.close()



class StepError(Exception):
    pass


# --------------------------------------------------------------------------- values
MISSING = object()
VAR_RE = re.compile(r"\$\{([A-Za-z_$][A-Za-z0-9_$]*)((?:\.[A-Za-z0-9_]+)*)\}")


def js_str(v) -> str:
    """String conversion as a JS template literal would do it."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e21:
            return str(int(v))
        return repr(v)
    if isinstance(v, (list, tuple)):
        return ",".join("" if x is None else js_str(x) for x in v)
    if isinstance(v, dict):
        return "[object Object]"
    return str(v)


_last_now = [None]


def iso_now() -> str:
    """JS new Date().toISOString(); strictly increasing within a run."""
    now = datetime.datetime.now(datetime.timezone.utc)
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    if _last_now[0] is not None and now <= _last_now[0]:
        now = _last_now[0] + datetime.timedelta(milliseconds=1)
    _last_now[0] = now
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def lookup_var(name: str, sub: str, variables: dict):
    if name.startswith("$now") and name not in variables:
        variables[name] = iso_now()  # a `new Date().toISOString()` of the original test
    if name not in variables:
        raise StepError(f"no saved value ${{{name}}} (an earlier step did not save it)")
    v = variables[name]
    for seg in [s for s in sub.split(".") if s]:
        found, v = get_child(v, seg)
        if not found:
            raise StepError(f"saved value ${{{name}{sub}}} has no {seg!r}")
    return v


def subst_str(s: str, variables: dict):
    m = VAR_RE.fullmatch(s)
    if m:
        return lookup_var(m.group(1), m.group(2), variables)
    return VAR_RE.sub(lambda mm: js_str(lookup_var(mm.group(1), mm.group(2), variables)), s)


def subst_text(s: str, variables: dict) -> str:
    return VAR_RE.sub(lambda mm: js_str(lookup_var(mm.group(1), mm.group(2), variables)), s)


def subst(v, variables: dict):
    if isinstance(v, str):
        return subst_str(v, variables)
    if isinstance(v, list):
        return [subst(x, variables) for x in v]
    if isinstance(v, dict):
        return {k: subst(x, variables) for k, x in v.items()}
    return v


def get_child(v, seg):
    if isinstance(v, dict):
        if seg in v:
            return True, v[seg]
        return False, None
    if isinstance(v, (list, str)):
        if seg == "length":
            return True, len(v)
        if re.fullmatch(r"\d+", seg):
            i = int(seg)
            if i < len(v):
                return True, v[i]
        return False, None
    return False, None


def split_path(path: str):
    return [s for s in path.split(".") if s != ""] if path else []


def resolve_all(resp, path: str):
    """Yield (concrete_path, found, value, error) for a path; '*' expands over list items.

    Like JS property access: a missing/null *intermediate* is an error (TypeError in the
    original test); only the last segment may be missing (found=False)."""
    segs = split_path(path)

    def rec(v, i, trail):
        if i == len(segs):
            yield ".".join(trail), True, v, None
            return
        seg = segs[i]
        if seg == "*":
            if not isinstance(v, list):
                yield ".".join(trail + ["*"]), False, None, f"{'.'.join(trail) or '<response>'} is not a list"
                return
            for k, item in enumerate(v):
                yield from rec(item, i + 1, trail + [str(k)])
            return
        if v is None or not isinstance(v, (dict, list, str)):
            yield ".".join(trail + [seg]), False, None, f"cannot read {seg!r} of {json.dumps(v)} at {'.'.join(trail) or '<response>'}"
            return
        found, child = get_child(v, seg)
        if not found:
            if i == len(segs) - 1:
                yield ".".join(trail + [seg]), False, None, None
            else:
                yield ".".join(trail + [seg]), False, None, f"cannot read {segs[i + 1]!r} of undefined at {'.'.join(trail + [seg])}"
            return
        yield from rec(child, i + 1, trail + [seg])

    yield from rec(resp, 0, [])


def norm_data_path(p: str) -> str:
    if p == "" or p.split(".")[0] in ("data", "errors", "extensions"):
        return p
    return "data." + p


def short(v, n=160):
    s = json.dumps(v, sort_keys=True) if v is not MISSING else "undefined"
    return s if len(s) <= n else s[: n - 3] + "..."


def js_truthy(v) -> bool:
    if v is None or v is MISSING or v is False:
        return False
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v != 0 and not (isinstance(v, float) and math.isnan(v))
    if isinstance(v, str):
        return v != ""
    return True


def num_eq(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b


def deep_equal(actual, expected, where="") -> str | None:
    """toEqual semantics on JSON values (+ $objectContaining/$arrayContaining/$any markers)."""
    if isinstance(expected, dict) and len(expected) == 1:
        (k, v), = expected.items()
        if k == "$objectContaining":
            return subset_match(actual, v, where, lists_exact=False)
        if k == "$arrayContaining":
            if not isinstance(actual, list):
                return f"{where or '<value>'}: expected a list, got {short(actual)}"
            for e in v:
                if not any(deep_equal(a, e) is None for a in actual):
                    return f"{where or '<value>'}: no item matches {short(e)}"
            return None
        if k == "$any":
            t = {"String": str, "Number": (int, float), "Boolean": bool, "Object": dict, "Array": list}.get(v)
            if t is None or not isinstance(actual, t):
                return f"{where or '<value>'}: expected any {v}, got {short(actual)}"
            return None
        if k == "$startsWith":
            if not isinstance(actual, str) or not actual.startswith(v):
                return f"{where or '<value>'}: expected a string starting with {v!r}, got {short(actual)}"
            return None
        if k == "$stringContaining":  # v2 corpus: expect.stringContaining
            if not isinstance(actual, str) or v not in actual:
                return f"{where or '<value>'}: expected a string containing {v!r}, got {short(actual)}"
            return None
        if k == "$stringMatching":  # v2 corpus: expect.stringMatching
            if not isinstance(actual, str) or re.search(v, actual) is None:
                return f"{where or '<value>'}: expected a string matching /{v}/, got {short(actual)}"
            return None
        if k == "$anything":
            return None if actual is not None else f"{where or '<value>'}: expected anything, got null"
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{where or '<value>'}: expected object {short(expected)}, got {short(actual)}"
        keys = set(expected) | set(actual)
        for k in sorted(keys):
            if k not in actual:
                return f"{where}.{k}: missing (expected {short(expected[k])})"
            if k not in expected:
                return f"{where}.{k}: unexpected key (value {short(actual[k])})"
            r = deep_equal(actual[k], expected[k], f"{where}.{k}")
            if r:
                return r
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{where or '<value>'}: expected list {short(expected)}, got {short(actual)}"
        if len(actual) != len(expected):
            return f"{where or '<value>'}: expected {len(expected)} items, got {len(actual)}: {short(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            r = deep_equal(a, e, f"{where}.{i}")
            if r:
                return r
        return None
    if actual == expected and type(actual) is type(expected) or num_eq(actual, expected):
        return None
    return f"{where or '<value>'}: expected {short(expected)}, got {short(actual)}"


def subset_match(actual, expected, where="", lists_exact=True) -> str | None:
    """Every key given must be equal; lists: same length, items matched positionally."""
    if isinstance(expected, dict) and not any(k.startswith("$") for k in expected):
        if not isinstance(actual, dict):
            return f"{where or '<value>'}: expected an object with {short(expected)}, got {short(actual)}"
        for k, e in expected.items():
            if k not in actual:
                return f"{where}.{k}: missing (expected {short(e)})"
            r = subset_match(actual[k], e, f"{where}.{k}", lists_exact)
            if r:
                return r
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{where or '<value>'}: expected list {short(expected)}, got {short(actual)}"
        if len(actual) != len(expected):
            return f"{where or '<value>'}: expected {len(expected)} items, got {len(actual)}: {short(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            r = subset_match(a, e, f"{where}.{i}", lists_exact)
            if r:
                return r
        return None
    return deep_equal(actual, expected, where)


def compare(a, op, b) -> bool:
    try:
        if op == ">":
            return a > b
        if op == ">=":
            return a >= b
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
    except TypeError:
        return False
    raise StepError(f"unknown compare op {op!r}")


def check_expect(exp: dict, status, resp: dict, variables: dict) -> list[str]:
    fails: list[str] = []
    exp = subst(exp, variables)
    errors = resp.get("errors")

    def each(path):
        return list(resolve_all(resp, path))

    if "httpStatus" in exp and status != exp["httpStatus"]:
        fails.append(f"HTTP status {status}, expected {exp['httpStatus']}")
    if "errors" in exp:
        has = isinstance(errors, list) and len(errors) > 0
        if exp["errors"] and not has:
            fails.append("expected errors, got none")
        if not exp["errors"] and has:
            fails.append(f"expected no errors, got {short(errors, 300)}")
    if "errorCount" in exp:
        if not isinstance(errors, list):
            fails.append(f"expected {exp['errorCount']} errors, response has no errors list")
        elif len(errors) != exp["errorCount"]:
            fails.append(f"expected {exp['errorCount']} errors, got {len(errors)}: {short(errors, 300)}")
    for key, field in (("errorType", "errorType"), ("errorMessage", "message")):
        if key in exp:
            if not isinstance(errors, list) or not errors:
                fails.append(f"expected errors[0].{field} = {exp[key]!r}, got no errors")
            elif not isinstance(errors[0], dict) or errors[0].get(field) != exp[key]:
                got = errors[0].get(field) if isinstance(errors[0], dict) else errors[0]
                fails.append(f"errors[0].{field}: expected {exp[key]!r}, got {got!r}")
    if "errorMessageContains" in exp:
        msgs = [e.get("message", "") for e in errors or [] if isinstance(e, dict)]
        if not any(exp["errorMessageContains"] in (m or "") for m in msgs):
            fails.append(f"no error message contains {exp['errorMessageContains']!r}: {short(msgs, 300)}")
    if "data" in exp:
        if "data" not in resp:
            fails.append(f"response has no data: {short(resp, 300)}")
        else:
            r = subset_match(resp["data"], exp["data"], "data")
            if r:
                fails.append(r)
    for p in exp.get("dataNull", []):
        for cp, found, v, err in each(norm_data_path(p)):
            if err or not found:
                fails.append(err or f"{cp}: expected null, got undefined")
            elif v is not None:
                fails.append(f"{cp}: expected null, got {short(v)}")
    for p, n in exp.get("dataLength", {}).items():
        for cp, found, v, err in each(norm_data_path(p)):
            if err or not found:
                fails.append(err or f"{cp}: expected length {n}, got undefined")
            elif not isinstance(v, (list, str)):
                fails.append(f"{cp}: expected something of length {n}, got {short(v)}")
            elif len(v) != n:
                fails.append(f"{cp}: expected length {n}, got {len(v)}: {short(v)}")
    for p in exp.get("defined", []):
        for cp, found, v, err in each(p):
            if err or not found:
                fails.append(err or f"{cp}: expected to be defined")
    for p in exp.get("absent", []):
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif found:
                fails.append(f"{cp}: expected undefined, got {short(v)}")
    for p in exp.get("notNull", []):
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif found and v is None:
                fails.append(f"{cp}: expected not null")
    for p in exp.get("truthy", []):
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif not js_truthy(v if found else MISSING):
                fails.append(f"{cp}: expected truthy, got {short(v if found else MISSING)}")
    for p in exp.get("falsy", []):
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif js_truthy(v if found else MISSING):
                fails.append(f"{cp}: expected falsy, got {short(v)}")
    for p, e in exp.get("equals", {}).items():
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif not found:
                fails.append(f"{cp}: expected {short(e)}, got undefined")
            else:
                r = deep_equal(v, e, cp)
                if r:
                    fails.append(r)
    for p, e in exp.get("notEquals", {}).items():
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif found and deep_equal(v, e) is None:
                fails.append(f"{cp}: expected not to equal {short(e)}")
    for p, e in exp.get("match", {}).items():
        for cp, found, v, err in each(p):
            if err or not found:
                fails.append(err or f"{cp}: expected {short(e)}, got undefined")
            else:
                r = subset_match(v, e, cp)
                if r:
                    fails.append(r)
    for p, prefix in exp.get("startsWith", {}).items():
        for cp, found, v, err in each(p):
            if err or not found:
                fails.append(err or f"{cp}: undefined")
            elif not isinstance(v, str) or not v.startswith(prefix):
                fails.append(f"{cp}: expected to start with {prefix!r}, got {short(v)}")
    for p, allowed in exp.get("oneOf", {}).items():
        for cp, found, v, err in each(p):
            if err:
                fails.append(err)
            elif not any(deep_equal(v if found else None, a) is None for a in allowed):
                fails.append(f"{cp}: {short(v if found else MISSING)} not one of {short(allowed)}")
    for c in exp.get("compare", []):
        for cp, found, v, err in each(c["path"]):
            if err or not found:
                fails.append(err or f"{cp}: undefined")
            elif not compare(v, c["op"], c["value"]):
                fails.append(f"{cp}: expected {short(v)} {c['op']} {short(c['value'])}")
    for c in exp.get("contains", {}).items() if isinstance(exp.get("contains"), dict) else []:
        p, items = c
        for cp, found, v, err in each(p):
            if err or not found or not isinstance(v, list):
                fails.append(err or f"{cp}: expected a list, got {short(v if found else MISSING)}")
                continue
            for it in items:
                if not any(subset_match(a, it) is None for a in v):
                    fails.append(f"{cp}: no item matches {short(it)}")
    # v2 corpus additions: matches (jest toMatch / expect.stringContaining / stringMatching),
    # includes / notIncludes (jest toContain / toContainEqual: list element deep-equal, or substring)
    for p, pattern in exp.get("matches", {}).items():
        for cp, found, v, err in each(p):
            if err or not found:
                fails.append(err or f"{cp}: undefined")
            elif not isinstance(v, str) or re.search(pattern, v) is None:
                fails.append(f"{cp}: {short(v)} does not match /{pattern}/")
    for key, want in (("includes", True), ("notIncludes", False)):
        for p, item in [(p, it) for p, items in exp.get(key, {}).items() for it in items]:
            for cp, found, v, err in each(p):
                if err or not found:
                    fails.append(err or f"{cp}: undefined")
                    continue
                if isinstance(v, str) and isinstance(item, str):
                    has = item in v
                elif isinstance(v, list):
                    has = any(deep_equal(a, item) is None for a in v)
                else:
                    fails.append(f"{cp}: expected a list or string, got {short(v)}")
                    continue
                if has != want:
                    fails.append(f"{cp}: {short(v)} {'does not include' if want else 'includes'} {short(item)}")
    for c in exp.get("excludes", {}).items() if isinstance(exp.get("excludes"), dict) else []:
        p, items = c
        for cp, found, v, err in each(p):
            if err or not found or not isinstance(v, list):
                fails.append(err or f"{cp}: expected a list, got {short(v if found else MISSING)}")
                continue
            for it in items:
                if any(subset_match(a, it) is None for a in v):
                    fails.append(f"{cp}: an item matches {short(it)}, expected none")
    return fails


# --------------------------------------------------------------------------- running
def run_steps(runner: Runner, steps: list, doc: dict, variables: dict, trail: str, log: list):
    identities = doc.get("identities", {})
    for i, step in enumerate(steps, 1):
        label = f"{trail}{i}"
        if step.get("skip"):
            log.append(f"step {label} skipped: {step['skip']}")
            continue
        if "forEach" in step:
            fe = step["forEach"]
            items = lookup_var(fe["in"], "", variables)
            if not isinstance(items, list):
                raise StepError(f"step {label}: forEach over ${{{fe['in']}}} which is not a list")
            for k, item in enumerate(items):
                variables[fe["as"]] = item
                run_steps(runner, fe.get("steps", []), doc, variables, f"{label}.{k}.", log)
            continue
        if "unsubscribe" in step:
            sub = runner.subscriptions.pop(step["unsubscribe"]["id"], None)
            if sub:
                sub.stop()
            continue
        if "redeploy" in step:
            raise StepError(f"step {label}: the endpoint must be redeployed with a new schema here (not supported by this runner)")
        if "noEvent" in step:
            # v2 corpus addition (jest expectTimeOut): the subscription must get NO data message within waitMs
            ne = step["noEvent"]
            sub = runner.subscriptions.get(ne["id"])
            if sub is None:
                why = getattr(runner, "failed_subscriptions", {}).get(ne["id"])
                raise StepError(f"step {label}: subscription {ne['id']!r} is not open" + (f" (its start was answered with {short(why, 300)})" if why else ""))
            wait = runner.event_timeout if runner.event_timeout is not None else ne.get("waitMs", 10000) / 1000.0
            try:
                ev = sub.next_event(wait)
            except (StepError, OSError) as e:
                raise StepError(f"step {label} (noEvent {ne['id']}): {e}")
            if ev is not None:
                raise StepError(f"step {label}: expected no {ne['id']} event within {wait:g}s, got {short(ev, 300)}")
            continue
        status = None
        if "subscribe" in step:
            sb = step["subscribe"]
            try:
                query = subst_text(sb["query"], variables)
                vars_ = subst(sb.get("variables", {}), variables)
                old = runner.subscriptions.pop(sb["id"], None)
                if old:
                    old.stop()
                sub = Subscription(runner, sb["id"], query, vars_, sb.get("as"), identities)
            except (StepError, OSError) as e:
                raise StepError(f"step {label} (subscribe {sb['id']}): {e}")
            resp = sub.result
            if not resp.get("errors"):
                runner.subscriptions[sb["id"]] = sub
                wait = runner.subscription_delay if runner.subscription_delay is not None else sb.get("waitMs", 0) / 1000.0
                time.sleep(wait)
            else:
                runner.failed_subscriptions = getattr(runner, "failed_subscriptions", {})
                runner.failed_subscriptions[sb["id"]] = resp
                sub.stop()
        elif "awaitEvent" in step:
            ae = step["awaitEvent"]
            sub = runner.subscriptions.get(ae["id"])
            if sub is None:
                why = getattr(runner, "failed_subscriptions", {}).get(ae["id"])
                raise StepError(f"step {label}: subscription {ae['id']!r} is not open" + (f" (its start was answered with {short(why, 300)})" if why else ""))
            timeout = runner.event_timeout if runner.event_timeout is not None else ae.get("timeoutMs", 20000) / 1000.0
            try:
                resp = sub.next_event(timeout)
            except (StepError, OSError) as e:
                raise StepError(f"step {label} (awaitEvent {ae['id']}): {e}")
            if resp is None:
                raise StepError(f"step {label}: no {ae['id']} subscription event within {timeout:g}s")
        else:
            try:
                query = subst_text(step["query"], variables)
                vars_ = subst(step.get("variables", {}), variables)
            except StepError as e:
                raise StepError(f"step {label}: {e}")
            status, resp = runner.post(query, vars_, step.get("as"), identities)
        if runner.verbose:
            who = step.get("as") or (step.get("subscribe") or {}).get("as")
            kind = "subscribe" if "subscribe" in step else "event" if "awaitEvent" in step else f"HTTP {status}"
            log.append(f"step {label} as {json.dumps(who)}: {kind} {short(resp, 600)}")
        # saves first, so an expectation may compare two values of the same response
        save_errors = []
        for name, path in step.get("save", {}).items():
            got = list(resolve_all(resp, path))
            if len(got) != 1 or got[0][3] or not got[0][1]:
                err = got[0][3] if got and got[0][3] else f"{path} is undefined"
                save_errors.append(f"cannot save ${{{name}}}: {err}")
                variables.pop(name, None)
            else:
                variables[name] = got[0][2]
        try:
            fails = check_expect(step.get("expect", {}), status, resp, variables)
        except StepError as e:
            fails = [str(e)]
        fails += save_errors
        if fails:
            raise StepError(f"step {label}: " + "; ".join(fails[:4]) + (f" (+{len(fails) - 4} more)" if len(fails) > 4 else "")
                            + ("" if runner.verbose else f" | response {short(resp, 400)}"))


def load_case_files(paths: list[str]) -> list[tuple[str, dict]]:
    if not paths:
        paths = sorted(os.path.join(DEFAULT_CASES_DIR, f) for f in os.listdir(DEFAULT_CASES_DIR) if f.endswith(".json"))
    docs = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            docs.append((p, json.load(f)))
    return docs


def list_schemas(out_dir: str, docs):
    os.makedirs(out_dir, exist_ok=True)
    index = []
    for path, doc in docs:
        d = os.path.join(out_dir, doc["name"])
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "schema.graphql"), "w", encoding="utf-8") as f:
            f.write(doc["schema"])
        with open(os.path.join(d, "authConfig.json"), "w", encoding="utf-8") as f:
            json.dump(doc["authConfig"], f, indent=2)
        # functions/src/<name>.js: the amplify-util-mock __e2e__ lambda layout
        # (handler "<name>.handler" with srcRoot functions/)
        fdir = os.path.join(d, "functions", "src")
        if doc.get("functions"):
            os.makedirs(fdir, exist_ok=True)
            for name, src in doc["functions"].items():
                with open(os.path.join(fdir, name + ".js"), "w", encoding="utf-8") as f:
                    f.write(src)
        # v2: the transform inputs a launcher passes to the v2 transformer (oracle-v2/serve-v2.js)
        for key in ("transformParameters", "userDefinedSlots", "resolverConfig", "deployParameters", "synthParameters"):
            if key in doc:
                with open(os.path.join(d, key + ".json"), "w", encoding="utf-8") as f:
                    json.dump(doc[key], f, indent=2)
        meta = {k: doc[k] for k in ("name", "source", "transformer", "transformers", "featureFlags", "transformParameters", "userDefinedSlots", "resolverConfig", "deployParameters", "synthParameters") if k in doc}
        meta["caseFile"] = os.path.abspath(path)
        meta["functions"] = sorted(doc.get("functions", {}))
        with open(os.path.join(d, "meta.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f, indent=2)
        index.append({"name": doc["name"], "dir": os.path.abspath(d), "caseFile": os.path.abspath(path)})
        print(f"wrote {d}")
    with open(os.path.join(out_dir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("casefiles", nargs="*", help="case JSON files (default: every file in cases/)")
    ap.add_argument("--url", help="GraphQL endpoint, e.g. http://127.0.0.1:20002/graphql")
    ap.add_argument("--api-key", default="da-fake-api-key", help="value sent as x-api-key in API_KEY mode")
    ap.add_argument("--list-schemas", metavar="DIR", help="write DIR/<name>/{schema.graphql,authConfig.json,functions/src/*.js,meta.json} and exit")
    ap.add_argument("--case", action="append", default=[], help="only cases whose name contains this (setup cases always run)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    ap.add_argument("--region", default="us-east-1", help="region used in the IAM SigV4 credential scope")
    ap.add_argument("--iam-auth-access-key", default=IAM_AUTH_ACCESS_KEY_ID)
    ap.add_argument("--iam-unauth-access-key", default=IAM_UNAUTH_ACCESS_KEY_ID)
    ap.add_argument("--realtime-url", help="AppSync realtime websocket URL for subscription steps (default: ws://<url host>/graphql/realtime)")
    ap.add_argument("--subscription-delay", type=float, help="seconds to wait after a subscription is acknowledged (default: the step's waitMs)")
    ap.add_argument("--event-timeout", type=float, help="seconds to wait for a subscription event (default: the step's timeoutMs, 20 s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every response")
    args = ap.parse_args(argv)

    docs = load_case_files(args.casefiles)
    if args.list_schemas:
        list_schemas(args.list_schemas, docs)
        return 0
    if not args.url:
        ap.error("--url is required (or use --list-schemas DIR)")
    runner = Runner(args)
    total = {"passed": 0, "failed": 0, "skipped": 0}
    for path, doc in docs:
        variables: dict = {}
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        name = doc.get("name", os.path.basename(path))
        for case in doc.get("cases", []):
            cname = case.get("fullName") or case["name"]
            if args.case and case.get("kind") != "setup" and not any(s in cname for s in args.case):
                continue
            if case.get("skip"):
                counts["skipped"] += 1
                print(f"SKIP {name} :: {cname} -- {case['skip']}", flush=True)
                continue
            log: list[str] = []
            try:
                run_steps(runner, case.get("steps", []), doc, variables, "", log)
            except StepError as e:
                counts["failed"] += 1
                print(f"FAIL {name} :: {cname} -- {e}", flush=True)
            else:
                counts["passed"] += 1
                print(f"PASS {name} :: {cname}", flush=True)
            finally:
                for sub in runner.subscriptions.values():
                    sub.stop()
                runner.subscriptions.clear()
            for line in log:
                print("    " + line)
        print(f"# {name}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped", flush=True)
        for k in total:
            total[k] += counts[k]
    print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return 1 if total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
