"""Who may open peacetrack, and what they may do there.

Pure logic first (password hashes, the access policy, a growing delay after failed
attempts, roles), then `gate`, the thin Streamlit layer that `dashboard/app.py`
calls before anything reads data. Nothing is configured: a local run opens
directly. Configured (Streamlit secrets, else environment), every session logs in
first and nothing but the login form is drawn or sent before that.

Configuration, in `.streamlit/secrets.toml` (or Community Cloud's secrets box);
`.streamlit/secrets.toml.example` is a commented template:

    [access]
    password_hash = "scrypt$16384$8$1$…"        # a shared team password (viewer)
    users.amira = { password_hash = "scrypt$…", role = "editor" }   # or per user
    allowed = ["@example.org"]                   # who Streamlit's own login (st.login) admits
    editors = ["amira@example.org"]

Hashes come from `python -m dashboard.access` (asks for the password, prints the
hash); a password is never stored, logged or echoed. Environment instead of
secrets: PEACETRACK_PASSWORD_HASH (team password), PEACETRACK_PUBLIC=1 (serve to
other machines without a login, on purpose).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import streamlit as st

VIEWER, EDITOR = "viewer", "editor"
ROLES = (VIEWER, EDITOR)
TEAM = "team"  # the account name of the shared password
ENV_PASSWORD_HASH = "PEACETRACK_PASSWORD_HASH"
ENV_PUBLIC = "PEACETRACK_PUBLIC"
FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")

# scrypt at n=2**14, r=8, p=1 (16 MiB, ~50 ms): RFC 7914's interactive-login setting.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
FIRST_DELAY_S, MAX_DELAY_S = 1.0, 60.0


class AccessConfigError(ValueError):
    """The access configuration cannot be used; the message names the setting, never a secret."""


# ---------------------------------------------------------------- password hashes


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt hash of `password`, as stored in the configuration.

    >>> verify_password("correct horse", hash_password("correct horse"))
    True
    """
    salt = salt if salt is not None else secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches `encoded`, compared in constant time.

    Reads this module's scrypt format and Django's `pbkdf2_sha256$iterations$salt$hash`
    (so a team can reuse hashes it already has). A malformed hash matches nothing.
    """
    try:
        scheme, *parts = encoded.split("$")
        if scheme == "scrypt":
            n, r, p, salt, expected = int(parts[0]), int(parts[1]), int(parts[2]), _unb64(parts[3]), _unb64(parts[4])
            key = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected), maxmem=2**27)
        elif scheme == "pbkdf2_sha256":
            iterations, salt_text, expected = int(parts[0]), parts[1], base64.b64decode(parts[2])
            key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt_text.encode(), iterations, len(expected))
        else:
            return False
    except (ValueError, IndexError, TypeError):
        return False
    return hmac.compare_digest(key, expected)


def is_password_hash(encoded: object) -> bool:
    """Whether `encoded` looks like a hash this module can check (not a plain password)."""
    if not isinstance(encoded, str):
        return False
    scheme, *parts = encoded.split("$")
    return (scheme == "scrypt" and len(parts) == 5) or (scheme == "pbkdf2_sha256" and len(parts) == 3)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# A hash checked for unknown names, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


# ---------------------------------------------------------------- the policy


@dataclass(frozen=True)
class Identity:
    """Who is in, with which role, and how they got in (password, oidc, local, public)."""

    name: str
    role: str
    method: str

    @property
    def can_edit(self) -> bool:
        return self.role == EDITOR


@dataclass(frozen=True)
class Account:
    password_hash: str
    role: str = VIEWER


@dataclass(frozen=True)
class Policy:
    """Who may get in. Built from secrets and environment by `Policy.from_config`."""

    team: Account | None = None
    users: Mapping[str, Account] = field(default_factory=dict)
    oidc_providers: tuple[str | None, ...] = ()  # None: the unnamed [auth] provider
    allowed: tuple[str, ...] = ()  # e-mail addresses, "@domain" or "*", for st.login
    editors: tuple[str, ...] = ()
    public: bool = False

    @property
    def configured(self) -> bool:
        """Whether anyone has to log in."""
        return bool(self.team or self.users or self.oidc_providers)

    @property
    def asks_for_name(self) -> bool:
        return bool(self.users)

    @classmethod
    def from_config(cls, secrets_: Mapping, env: Mapping[str, str]) -> Policy:
        """The policy in the `[access]` and `[auth]` secrets sections and the environment.

        Raises AccessConfigError for a plain password where a hash belongs, an unknown
        role or a malformed section.
        """
        access = _section(secrets_, "access")
        team_hash = access.get("password_hash") or env.get(ENV_PASSWORD_HASH, "").strip() or None
        team = (
            Account(_checked_hash(team_hash, "access.password_hash"), _role(access.get("password_role", VIEWER)))
            if team_hash
            else None
        )
        users = {}
        for name, entry in _section(access, "users").items():
            entry = {"password_hash": entry} if isinstance(entry, str) else entry
            if not isinstance(entry, Mapping):
                raise AccessConfigError(f"access.users.{name} must be a hash or a table with password_hash and role")
            where = f"access.users.{name}.password_hash"
            users[str(name).strip().lower()] = Account(
                _checked_hash(entry.get("password_hash"), where), _role(entry.get("role", VIEWER))
            )
        return cls(
            team=team,
            users=users,
            oidc_providers=oidc_providers(_section(secrets_, "auth")),
            allowed=_lowered(access.get("allowed", ())),
            editors=_lowered(access.get("editors", ())),
            public=_truthy(access.get("public", env.get(ENV_PUBLIC, ""))),
        )


def oidc_providers(auth: Mapping) -> tuple[str | None, ...]:
    """The st.login providers in an `[auth]` section: None for the unnamed one, else the names."""
    if not auth:
        return ()
    named = tuple(str(k) for k, v in auth.items() if isinstance(v, Mapping) and "client_id" in v)
    return ((None,) if "client_id" in auth else ()) + named


def authenticate(policy: Policy, name: str, password: str) -> Identity | None:
    """The identity `name` and `password` open, or None.

    With per-user accounts the name picks the account; the team password needs no
    name. An unknown name is checked against a dummy hash, so timing does not tell
    which names exist.
    """
    key = name.strip().lower()
    if key and key in policy.users:
        account = policy.users[key]
        return Identity(key, account.role, "password") if verify_password(password, account.password_hash) else None
    if policy.team and not key:
        team = policy.team
        return Identity(TEAM, team.role, "password") if verify_password(password, team.password_hash) else None
    verify_password(password, _DUMMY_HASH)
    return None


def oidc_identity(policy: Policy, user: Mapping) -> Identity | None:
    """The identity of a user Streamlit's login admitted, if the policy lets them in.

    The identity provider says who someone is; `allowed` says whether they are a
    colleague (a Google login alone proves only that someone has a Google account).
    An e-mail the provider marks unverified is refused.
    """
    email = str(user.get("email") or "").strip().lower()
    if not user.get("is_logged_in") or not email or user.get("email_verified") is False:
        return None
    if not _listed(email, policy.allowed) and not _listed(email, policy.editors):
        return None
    return Identity(email, EDITOR if _listed(email, policy.editors) else VIEWER, "oidc")


def is_local_request(ip_address: object, headers: Mapping[str, str]) -> bool:
    """Whether the browser runs on this machine and no proxy relayed the request.

    Local means: the connection comes from loopback (`st.context.ip_address` is None
    there, and not a string at all under AppTest), no forwarding header was added,
    and the page's own address (Origin, Host) is a loopback name. A reverse proxy on
    the same machine connects from loopback too, but the browser's Origin gives it away
    even when the proxy adds no forwarding header.
    """
    lowered = {str(k).lower(): v for k, v in headers.items()}
    if any(h in lowered for h in FORWARDING_HEADERS):
        return False
    for name in ("origin", "host"):
        if lowered.get(name) and not _loopback_name(urlsplit(_with_scheme(str(lowered[name]))).hostname):
            return False
    return not isinstance(ip_address, str) or _loopback_name(ip_address)


def _with_scheme(address: str) -> str:
    return address if "://" in address else "//" + address


def _loopback_name(hostname: str | None) -> bool:
    if not hostname:
        return False
    if hostname.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname.strip("[]")).is_loopback
    except ValueError:
        return False


def _listed(email: str, entries: tuple[str, ...]) -> bool:
    domain = "@" + email.rsplit("@", 1)[-1]
    return any(entry in ("*", email, domain) for entry in entries)


def _section(mapping: Mapping, name: str) -> Mapping:
    value = mapping.get(name) if isinstance(mapping, Mapping) else None
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise AccessConfigError(f"[{name}] must be a table")
    return value


def _checked_hash(value: object, where: str) -> str:
    if not is_password_hash(value):
        raise AccessConfigError(
            f"{where} must be a password hash (scrypt$… or pbkdf2_sha256$…); make one with `python -m dashboard.access`"
        )
    return str(value)


def _role(value: object) -> str:
    if value not in ROLES:
        raise AccessConfigError(f"unknown role {str(value)[:20]!r}: use {' or '.join(ROLES)}")
    return str(value)


def _lowered(values: object) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(str(v).strip().lower() for v in values or ())


def _truthy(value: object) -> bool:
    return value is True or str(value).strip().lower() in {"1", "true", "yes"}


# ---------------------------------------------------------------- failed attempts


class Throttle:
    """A growing delay after failed attempts, per account, shared by all sessions.

    After n failures in a row an account takes no attempt for 1, 2, 4, ... seconds,
    up to a minute; a success clears it. Keyed by account rather than by session or
    address, so opening new sessions or addresses does not reset the count. Thread safe.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key: str) -> float:
        """How long `key` must wait before its next attempt is checked (0: go ahead)."""
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
        return max(0.0, last + delay_after(count) - self._clock()) if count else 0.0

    def failed(self, key: str) -> float:
        """Record a failure; returns the delay before the next attempt."""
        with self._lock:
            count = self._failures.get(key, (0, 0.0))[0] + 1
            self._failures[key] = (count, self._clock())
        return delay_after(count)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


UNKNOWN_NAME = "(unknown name)"


def throttle_key(policy: Policy, name: str) -> str:
    """The account a login attempt counts against. Names that are no account share one
    key, so guessing names is slowed too and the throttle's memory stays bounded."""
    key = name.strip().lower()
    if not key:
        return TEAM
    return key if key in policy.users else UNKNOWN_NAME


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` failures in a row: 0, 1, 2, 4, ... 60."""
    return 0.0 if failures <= 0 else min(FIRST_DELAY_S * 2 ** (failures - 1), MAX_DELAY_S)


# ---------------------------------------------------------------- the Streamlit gate

IDENTITY_KEY = "_pt_identity"


def gate() -> Identity:
    """Let the session in, or draw the login form and stop the script.

    Call before anything reads data: until this returns, only the login form has
    been drawn, so no table, chart or article text is in the page or its websocket
    messages. Fails closed: an unexpected error stops the script with an error id.
    """
    from dashboard import errors

    try:
        return _gate()
    except Exception as error:
        st.error(errors.viewer_message(errors.log_error(error)), icon=":material/error:")
        st.stop()


def _gate() -> Identity:
    try:
        policy = Policy.from_config(_secrets(), os.environ)
    except AccessConfigError as error:
        st.title("peacetrack")
        st.error(f"The access configuration cannot be used: {error}.")
        st.stop()
    if not policy.configured:
        local = is_local_request(st.context.ip_address, dict(st.context.headers))
        if local or policy.public:
            how = "local" if local else "public"
            st.session_state[IDENTITY_KEY] = Identity(how, EDITOR if local else VIEWER, how)
            return st.session_state[IDENTITY_KEY]
        st.title("peacetrack")
        st.error(
            "This peacetrack is reached from another machine but has no access control configured. "
            "Set a password or a login in the app's secrets (README, “Share with colleagues”), "
            "or set `public = true` under `[access]` to serve it to anyone with the link."
        )
        st.stop()
    identity = _current_identity(policy)
    if identity is None:
        _login_page(policy)
        st.stop()
    _account_box(identity)
    return identity


def current_identity() -> Identity | None:
    """Who this session is, once `gate` let it in (None before)."""
    identity = st.session_state.get(IDENTITY_KEY)
    return identity if isinstance(identity, Identity) else None


def can_edit() -> bool:
    """Whether this session may change data. Anything that adds articles or corrects the
    tables must check this first: only editors may (and the owner of a local run)."""
    identity = current_identity()
    return identity is not None and identity.can_edit


def _secrets() -> Mapping:
    try:
        return {key: st.secrets[key] for key in ("access", "auth") if key in st.secrets}
    except FileNotFoundError:  # no secrets.toml anywhere: nothing configured
        return {}


def _current_identity(policy: Policy) -> Identity | None:
    identity = current_identity()
    if identity is not None and identity.method not in ("local", "public"):
        return identity
    if policy.oidc_providers:
        user = st.user.to_dict()
        identity = oidc_identity(policy, user)
        if identity is not None:
            st.session_state[IDENTITY_KEY] = identity
            return identity
        if user.get("is_logged_in"):
            st.title("peacetrack")
            st.error("Your account is not on this peacetrack's list of colleagues. Ask whoever runs it to add you.")
            st.button("Log out", on_click=st.logout, key="pt_logout_refused")
            st.stop()
    return None


@st.cache_resource(show_spinner=False)
def _shared_throttle() -> Throttle:
    """One throttle for the whole server, so that a new session does not reset the count."""
    return Throttle()


def _login_page(policy: Policy) -> None:
    """The only thing a visitor sees before logging in."""
    st.title("peacetrack")
    st.markdown("This peacetrack is for colleagues only. Log in to see the data.")
    for provider in policy.oidc_providers:
        label = f"Log in with {provider.title()}" if provider else "Log in with your organisation's account"
        if st.button(label, key=f"pt_login_{provider or 'default'}", icon=":material/login:"):
            st.login(provider)
    if not (policy.team or policy.users):
        return
    with st.form("pt_login", clear_on_submit=True):
        name = st.text_input("Name", autocomplete="username") if policy.asks_for_name else ""
        if policy.asks_for_name and policy.team:
            st.caption("Leave the name empty to use the team password.")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Log in", icon=":material/lock_open:")
    if submitted:
        _try_password(policy, name, password)


def _try_password(policy: Policy, name: str, password: str) -> None:
    throttle = _shared_throttle()
    key = throttle_key(policy, name)
    wait = throttle.wait_seconds(key)
    if wait > 0:
        st.error(f"Too many failed attempts. Try again in {wait:.0f} s.")
        return
    identity = authenticate(policy, name, password)
    if identity is None:
        delay = throttle.failed(key)
        st.error(f"Wrong name or password. The next attempt is possible in {delay:.0f} s.")
        return
    throttle.succeeded(key)
    st.session_state[IDENTITY_KEY] = identity
    st.rerun()


def _account_box(identity: Identity) -> None:
    """Who is logged in, and the way out."""
    if identity.method in ("local", "public"):
        return
    box = st.sidebar.container(border=True)
    shown = "the team password" if identity.name == TEAM else identity.name
    box.caption(f"Logged in with {shown} · {identity.role}")
    box.button(
        "Log out", on_click=log_out, args=(identity,), key="pt_logout", icon=":material/logout:", width="stretch"
    )


def log_out(identity: Identity) -> None:
    """End the session's access: forget the identity, and end Streamlit's own login too."""
    st.session_state.pop(IDENTITY_KEY, None)
    if identity.method == "oidc":
        st.logout()


def main() -> None:
    """`python -m dashboard.access`: ask for a password twice and print its hash for the secrets."""
    import getpass

    password = getpass.getpass("Password: ")
    if len(password) < 12:
        raise SystemExit("Use at least 12 characters.")
    if getpass.getpass("Again: ") != password:
        raise SystemExit("The two passwords differ.")
    print(hash_password(password))


if __name__ == "__main__":
    main()
