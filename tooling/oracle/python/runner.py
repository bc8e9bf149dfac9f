"""The Python side of the differential suite: reads one JSON scenario per line on stdin, runs it through
urllib3 / requests / Authlib, and writes one JSON observation per line on stdout. The TypeScript side
(src/ours.ts) runs the same scenario through @x/pool / @x/requests / @x/oauth2 and observes the same fields."""

import base64
import hashlib
import json
import os
import sys
import traceback

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.auth import HTTPDigestAuth


def unbytes(v):
    """JSON transport for bytes: {"b64": "..."}; everything else as is."""
    if isinstance(v, dict) and set(v) == {"b64"}:
        return base64.b64decode(v["b64"])
    if isinstance(v, dict):
        return {k: unbytes(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unbytes(x) for x in v]
    return v


def digest(data):
    return {"sha256": hashlib.sha256(data).hexdigest()[:16], "length": len(data)}


def error_of(e):
    out = {"class": type(e).__name__, "message": str(e)}
    reason = getattr(e, "reason", None)
    if isinstance(reason, BaseException):
        out["reason"] = type(reason).__name__
    if e.__class__.__name__ == "OAuthError":
        out["error"] = getattr(e, "error", None)
        out["description"] = getattr(e, "description", None)
    return out


def retry_of(spec):
    if spec is None or isinstance(spec, (bool, int)):
        return spec
    return urllib3.Retry(**spec)


# ---------------------------------------------------------------- requests

def requests_kwargs(kw):
    kw = unbytes(dict(kw))
    if "auth" in kw and isinstance(kw["auth"], dict) and "digest" in kw["auth"]:
        kw["auth"] = HTTPDigestAuth(*kw["auth"]["digest"])
    elif "auth" in kw and isinstance(kw["auth"], list):
        kw["auth"] = tuple(kw["auth"])
    if "files" in kw:
        kw["files"] = {k: tuple(v) if isinstance(v, list) else v for k, v in kw["files"].items()}
    for key in ("timeout", "cert"):
        if isinstance(kw.get(key), list):
            kw[key] = tuple(kw[key])
    return kw


def observe_requests(r, read, step):
    o = {
        "status": r.status_code,
        "reason": r.reason,
        "ok": r.ok,
        "url": r.url,
        "history": [[h.status_code, h.url] for h in r.history],
        "headers": {k.lower(): v for k, v in r.headers.items() if k.lower() != "date"},
        "is_redirect": r.is_redirect,
        "links": r.links,
    }
    if read == "json":
        o["json"] = r.json()
    elif read == "text":
        o["encoding"] = r.encoding
        o["text"] = r.text
        o["content"] = digest(r.content)
    elif read == "apparent":
        o["encoding"] = r.encoding
        o["apparent_encoding"] = r.apparent_encoding
        o["text"] = r.text
    elif read == "content":
        o["content"] = digest(r.content)
    elif read == "iter_content":
        o["content"] = digest(b"".join(r.iter_content(chunk_size=step.get("chunk_size", 1024))))
    elif read == "iter_lines":
        o["lines"] = [line.decode("latin-1") for line in r.iter_lines()]
    elif read == "raise_for_status":
        try:
            r.raise_for_status()
            o["raise"] = None
        except Exception as e:  # noqa: BLE001
            o["raise"] = error_of(e)
    return o


def run_requests(sc):
    s = requests.Session()
    cfg = sc.get("session", {})
    if "headers" in cfg:
        s.headers.update(cfg["headers"])
    if "auth" in cfg:
        s.auth = tuple(cfg["auth"])
    if "params" in cfg:
        s.params = cfg["params"]
    if "cookies" in cfg:
        s.cookies.update(cfg["cookies"])
    if "max_redirects" in cfg:
        s.max_redirects = cfg["max_redirects"]
    if "trust_env" in cfg:
        s.trust_env = cfg["trust_env"]
    if "retries" in cfg:
        adapter = HTTPAdapter(max_retries=retry_of(cfg["retries"]))
        s.mount("http://", adapter)
    steps = []
    for step in sc["steps"]:
        try:
            r = s.request(step["method"], step["url"], **requests_kwargs(step.get("kwargs", {})))
            o = observe_requests(r, step.get("read", "content"), step)
        except Exception as e:  # noqa: BLE001
            o = {"error": error_of(e)}
        o["cookies"] = sorted([c.name, c.value, c.domain or "", c.path] for c in s.cookies)
        steps.append(o)
    s.close()
    return {"steps": steps}


# ---------------------------------------------------------------- urllib3

def observe_pool(r, read, step):
    o = {
        "status": r.status,
        "reason": r.reason,
        "headers": {k.lower(): v for k, v in r.headers.itermerged() if k.lower() != "date"},
        "url": r.url,
        "redirect_location": r.get_redirect_location(),
        "history": [[h.method, h.url, h.status, h.redirect_location, type(h.error).__name__ if h.error else None]
                    for h in (r.retries.history if r.retries else ())],
    }
    if read == "json":
        o["json"] = r.json()
    elif read == "data":
        o["data"] = digest(r.data)
    elif read == "text":
        o["text"] = r.data.decode("utf-8")
    elif read == "stream":
        o["data"] = digest(b"".join(r.stream(step.get("amt", 1024))))
    elif read == "read_amt":
        first = r.read(step["amt"])
        rest = r.read()
        o["first"] = digest(first)
        o["rest"] = digest(rest)
    elif read == "raw":
        o["data"] = digest(r.read(decode_content=False))
    return o


def run_pool(sc):
    cfg = unbytes(sc.get("manager", {}))
    kw = {}
    if "headers" in cfg:
        kw["headers"] = cfg["headers"]
    if "retries" in cfg:
        kw["retries"] = retry_of(cfg["retries"])
    if "timeout" in cfg:
        kw["timeout"] = urllib3.Timeout(**cfg["timeout"])
    pm = urllib3.PoolManager(**kw)
    steps = []
    for step in sc["steps"]:
        kwargs = unbytes(dict(step.get("kwargs", {})))
        if "retries" in kwargs:
            kwargs["retries"] = retry_of(kwargs["retries"])
        if "timeout" in kwargs:
            kwargs["timeout"] = urllib3.Timeout(**kwargs["timeout"])
        if "fields" in kwargs and isinstance(kwargs["fields"], dict):
            kwargs["fields"] = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs["fields"].items()}
        try:
            r = pm.request(step["method"], step["url"], **kwargs)
            o = observe_pool(r, step.get("read", "data"), step)
        except Exception as e:  # noqa: BLE001
            o = {"error": error_of(e)}
        steps.append(o)
    pm.clear()
    return {"steps": steps}


# ---------------------------------------------------------------- Authlib

def run_oauth2(sc):
    from authlib.integrations.requests_client import OAuth2Session

    cfg = dict(sc.get("client", {}))
    jwt_url = cfg.pop("jwt_token_url", None)
    kid = cfg.pop("kid", None)
    pem = cfg.pop("private_key_pem", None)
    if pem:
        cfg["client_secret"] = pem
    client = OAuth2Session(**cfg)
    if jwt_url and cfg.get("token_endpoint_auth_method") == "client_secret_jwt":
        from authlib.oauth2.rfc7523 import ClientSecretJWT

        client.register_client_auth_method(ClientSecretJWT(jwt_url))
    if jwt_url and cfg.get("token_endpoint_auth_method") == "private_key_jwt":
        from authlib.oauth2.rfc7523 import PrivateKeyJWT

        client.register_client_auth_method(PrivateKeyJWT(jwt_url, headers={"kid": kid} if kid else None))
    steps = []
    for step in sc["steps"]:
        op = step["op"]
        args = dict(step.get("args", {}))
        try:
            if op == "fetch_token":
                value = dict(client.fetch_token(step["url"], **args))
            elif op == "refresh_token":
                value = dict(client.refresh_token(step["url"], **args))
            elif op == "revoke_token":
                r = client.revoke_token(step["url"], **args)
                value = {"status": r.status_code}
            elif op == "introspect_token":
                r = client.introspect_token(step["url"], **args)
                value = {"status": r.status_code, "json": r.json()}
            elif op == "request":
                r = client.request(step.get("method", "GET"), step["url"], **args)
                value = {"status": r.status_code, "json": r.json() if r.content else None}
            elif op == "set_token":
                client.token = args["token"]
                value = None
            elif op == "is_expired":
                value = client.token.is_expired() if client.token else None
            else:
                raise ValueError(op)
            o = {"value": value}
        except Exception as e:  # noqa: BLE001
            o = {"error": error_of(e)}
        steps.append(o)
    client.close()
    return {"steps": steps}


RUNNERS = {"requests": run_requests, "pool": run_pool, "oauth2": run_oauth2}


def main():
    versions = {"urllib3": urllib3.__version__, "requests": requests.__version__}
    try:
        import authlib

        versions["authlib"] = authlib.__version__
    except ImportError:
        pass
    sys.stdout.write(json.dumps({"ready": versions, "python": sys.version.split()[0]}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        sc = json.loads(line)
        saved = dict(os.environ)
        os.environ.update(sc.get("env", {}))
        for key in sc.get("unset_env", []):
            os.environ.pop(key, None)
        try:
            out = RUNNERS[sc["pkg"]](sc)
        except Exception:  # noqa: BLE001
            out = {"crash": traceback.format_exc()}
        finally:
            os.environ.clear()
            os.environ.update(saved)
        sys.stdout.write(json.dumps(out, default=str) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
