"""Who may get in, read from the configuration, and who a login attempt makes someone (no Streamlit).

The access policy is pure: built from the secrets and the environment, it answers
whether anyone has to log in, which identity a name and password open, whether a
user Streamlit's login admitted is a colleague, and whether a request comes from
this machine. `dashboard.access` is the Streamlit layer that asks it.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from dashboard.passwords import hash_password, is_password_hash, verify_password

VIEWER, EDITOR = "viewer", "editor"
ROLES = (VIEWER, EDITOR)
TEAM = "team"  # the account name of the shared password
ENV_PASSWORD_HASH = "PEACETRACK_PASSWORD_HASH"
ENV_PUBLIC = "PEACETRACK_PUBLIC"
FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


class AccessConfigError(ValueError):
    """The access configuration cannot be used; the message names the setting, never a secret."""


# A hash checked for unknown names, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


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
    def from_config(cls, secrets_: Mapping[str, object], env: Mapping[str, str]) -> Policy:
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
            allowed=_lowered(access.get("allowed", ()), "access.allowed"),
            editors=_lowered(access.get("editors", ()), "access.editors"),
            public=_truthy(access.get("public", env.get(ENV_PUBLIC, ""))),
        )


def oidc_providers(auth: Mapping[str, object]) -> tuple[str | None, ...]:
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


def oidc_identity(policy: Policy, user: Mapping[str, object]) -> Identity | None:
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


def _section(mapping: Mapping[str, object], name: str) -> Mapping[str, object]:
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


def _lowered(values: object, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not values:
        return ()
    if not isinstance(values, Iterable):  # `allowed = true` in TOML: say so, as for any other malformed entry
        raise AccessConfigError(f"{where} must be a list of e-mail addresses or domains")
    return tuple(str(v).strip().lower() for v in values)


def _truthy(value: object) -> bool:
    return value is True or str(value).strip().lower() in {"1", "true", "yes"}
