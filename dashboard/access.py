"""Who may open peacetrack: the Streamlit gate that `dashboard/app.py` calls before anything reads data.

Nothing is configured: a local run opens directly. Configured (Streamlit secrets,
else environment), every session logs in first and nothing but the login form is
drawn or sent before that. The rules themselves are pure and live apart: the
policy in `dashboard.access_policy`, the hashes in `dashboard.passwords`, the delay
after failed attempts in `dashboard.login_throttle`; this module only draws and asks.

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

import os
from collections.abc import Mapping

import streamlit as st

from dashboard.access_policy import (
    EDITOR,
    TEAM,
    VIEWER,
    AccessConfigError,
    Identity,
    Policy,
    authenticate,
    is_local_request,
    oidc_identity,
)
from dashboard.login_throttle import Throttle, throttle_key
from dashboard.passwords import hash_password

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
            opened = Identity(how, EDITOR if local else VIEWER, how)
            st.session_state[IDENTITY_KEY] = opened
            return opened
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


def _secrets() -> Mapping[str, object]:
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
